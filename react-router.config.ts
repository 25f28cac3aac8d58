import type { Config } from "@react-router/dev/config";

export default {
  ssr: true,
  // v8 flags on now so the move to React Router 8 stays mechanical (docs/decisions/0001).
  future: {
    v8_middleware: true,
    v8_passThroughRequests: true,
    v8_trailingSlashAwareDataRequests: true,
    v8_splitRouteModules: true,
    v8_viteEnvironmentApi: true,
  },
} satisfies Config;
