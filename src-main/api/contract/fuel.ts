/** The fuel workflow's methods; see issue text and DESIGN.md. Filled in by the fuel workflow. */
export const fuelContract = {};
