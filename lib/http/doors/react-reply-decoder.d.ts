// React's reply decoder as Next bundles it (the one its server action handler runs); it ships no types.
declare module "next/dist/compiled/react-server-dom-webpack/server.node" {
  import type { Busboy } from "busboy";

  export function decodeReply(body: string | FormData, serverFunctions: object): Promise<unknown>;
  export function decodeReplyFromBusboy(busboy: Busboy, serverFunctions: object): Promise<unknown>;
}
