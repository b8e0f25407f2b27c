/** The lockers workflow's methods; see issue text and DESIGN.md. Filled in by the lockers workflow. */
export const lockersContract = {};
