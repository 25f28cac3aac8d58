// Parts of the network page that the map does not need (filters, legend, analytics, exports), hydrated
// once the map is ready (decision 0038).
//
// A server-rendered Suspense boundary is hydrated apart from the page's first pass, at React's default
// hydration priority: above the map's own updates after it mounts (React Flow fitted, then the ready
// frame), so the filters' 200-odd elements and the analytics were hydrated between the map's mount and
// its first frame (measured with performance marks: 12-100 ms of the 40-65 ms from "fitted" to
// "ready" on the 2-core benchmark machine). Here a boundary that holds its part back leaves it as the
// server rendered it (visible; its links and the form work without JavaScript; a click on it is replayed
// once it is hydrated) until the map says it is ready, or at most HOLD_MAX_MS.
import { Suspense, use, useSyncExternalStore } from "react";

/** The longest the parts wait for the map (it failed to mount, say): they hydrate anyway. */
export const HOLD_MAX_MS = 3_000;

let released = false;
let release: () => void = () => {};
const whenReleased = new Promise<void>((resolve) => {
  release = () => {
    released = true;
    resolve();
  };
});
let timer: ReturnType<typeof setTimeout> | null = null;

/** The map is ready (or will not be): held parts of the page hydrate now. */
export function releaseHeldHydration(): void {
  release();
}

/** Whether held parts may hydrate (for tests). */
export function heldHydrationReleased(): boolean {
  return released;
}

const noSubscription = () => () => {};

/** Suspends while the page hydrates and the map is not ready yet; renders nothing. */
function HoldWhileHydrating() {
  // The server's snapshot is what hydration reads: true while hydrating, false in any later render
  // (a client-side navigation to the page renders at once, never holds).
  const hydrating = useSyncExternalStore(
    noSubscription,
    () => false,
    () => true,
  );
  if (!hydrating || released || typeof document === "undefined") return null;
  timer ??= setTimeout(release, HOLD_MAX_MS);
  use(whenReleased);
  return null;
}

/**
 * A Suspense boundary around a part the map does not need. Nothing in it waits for data, so the server
 * renders it in place. With `hold`, its hydration also waits for the map (releaseHeldHydration).
 */
export function HydrateLater({ hold, children }: { hold: boolean; children: React.ReactNode }) {
  return (
    <Suspense fallback={null}>
      {hold ? <HoldWhileHydrating /> : null}
      {children}
    </Suspense>
  );
}
