export const TEMPLATE_DATABASE = "lightbox_template";

export type TestStack = {
  /** A connection URL for the server (any database); tests clone TEMPLATE_DATABASE from it. */
  postgresUrl: string;
  /**
   * The `pooler` project only: the same server through PgBouncer in transaction mode. Test files then
   * connect through it, without prepared statements and with a pool of 3, as a serverless instance would.
   */
  poolerUrl?: string;
  s3: {
    endpoint: string;
    region: string;
    accessKeyId: string;
    secretAccessKey: string;
    /** The embedded s3rver does not check signatures; MinIO/S3/R2 (TEST_S3_ENDPOINT) do. */
    verifiesSignatures: boolean;
  };
};
