import { data } from "react-router";

// Any address no other route matches. A route rather than the router's own 404, so that the root
// loader and middleware run: the error page then has the reader's language, account and navigation.
export function loader() {
  throw data(null, { status: 404, statusText: "Not Found" });
}

export function action() {
  throw data(null, { status: 404, statusText: "Not Found" });
}

export default function NotFound() {
  return null;
}
