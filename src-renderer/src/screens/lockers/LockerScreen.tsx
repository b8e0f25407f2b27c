/** The lockers workflow's screen (not built yet: its tile on the home screen says "coming soon"). */
export function LockerScreen({ back }: { back(): void }) {
  return <button onClick={back}>←</button>;
}
