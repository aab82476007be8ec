export * from "./audit";
export * from "./auth";
export * from "./claims";
export * from "./datasets";
export * from "./images";
export * from "./maintenance";
export * from "./requests";
export * from "./reviews";
