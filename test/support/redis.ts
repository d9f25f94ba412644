// Redis for tests: $REDIS_URL or redis://127.0.0.1:6379. Under CI=true a
// missing Redis fails the suite; elsewhere the tests that need it are skipped
// and say why.
import { Redis } from "ioredis";

export const redisUrl = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
export const redisRequired = process.env.CI === "true";

export async function redisAvailable(): Promise<boolean> {
  const client = new Redis(redisUrl, {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    connectTimeout: 2_000,
  });
  client.on("error", () => undefined);
  try {
    await client.connect();
    await client.ping();
    return true;
  } catch (error) {
    const reason = `Redis at ${redisUrl} is not reachable (${error instanceof Error ? error.message : String(error)})`;
    if (redisRequired) throw new Error(`${reason}; it is required under CI=true.`);
    console.warn(`Skipping Redis tests: ${reason}. Set CI=true to make this a failure.`);
    return false;
  } finally {
    client.disconnect();
  }
}
