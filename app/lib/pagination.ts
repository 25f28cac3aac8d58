export const DEFAULT_PAGE_SIZE = 25;

export interface PageRequest {
  page: number;
  pageSize: number;
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
  pages: number;
}

/** Read `?page=` leniently: anything that is not a positive integer is page 1. */
export function parsePageRequest(params: URLSearchParams, pageSize = DEFAULT_PAGE_SIZE): PageRequest {
  const raw = Number.parseInt(params.get("page") ?? "1", 10);
  const page = Number.isInteger(raw) && raw > 0 && raw < 1_000_000 ? raw : 1;
  return { page, pageSize };
}

export function offsetOf({ page, pageSize }: PageRequest): number {
  return (page - 1) * pageSize;
}

export function toPage<T>(items: T[], total: number, request: PageRequest): Page<T> {
  return {
    items,
    total,
    page: request.page,
    pageSize: request.pageSize,
    pages: Math.max(1, Math.ceil(total / request.pageSize)),
  };
}
