// The public catalogue, fetched where pages need it.
import { api, type Office, type Permit } from "./api";
import { useFetch } from "./Loadable";

export function useOffices() {
  return useFetch(() => api<{ items: Office[] }>("GET", "/api/v1/offices").then((r) => r.items), []);
}

// An office's permits with their SOPs; an empty office code yields an empty list.
export function useOfficePermits(office: string) {
  return useFetch(
    () => (office
      ? api<{ items: Permit[] }>("GET", `/api/v1/offices/${encodeURIComponent(office)}/permits`).then((r) => r.items)
      : Promise.resolve([] as Permit[])),
    [office],
  );
}
