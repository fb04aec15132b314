/**
 * What the bot process does with signals and with errors nothing else
 * caught: SIGINT and SIGTERM (and, under the sharding manager, losing it)
 * stop the bot cleanly and exit 0; a stuck stop is cut short after 5 s.
 */
import { logger } from '../logger.ts';

export function listenToProcess(stop: () => Promise<void>): void {
  let shuttingDown = false;
  async function shutdown(signal: string): Promise<void> {
    if (shuttingDown) return;
    shuttingDown = true;
    logger.info({ event: 'shutdown', signal }, 'shutting down');
    // A stuck close must not keep a stop request from stopping the process.
    const force = setTimeout(() => process.exit(0), 5000);
    force.unref();
    try {
      await stop();
    } catch (err) {
      logger.warn({ err }, 'error while closing the Discord connection');
    }
    logger.flush();
    process.exit(0);
  }

  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  // A shard process whose sharding manager has gone must not live on unsupervised.
  if (process.send) process.on('disconnect', () => void shutdown('manager-disconnected'));
  process.on('unhandledRejection', (reason) => {
    // Interaction failures are caught by the router; anything reaching here is a bug worth a loud log, not a crash.
    logger.error({ err: reason }, 'unhandled promise rejection');
  });
  process.on('uncaughtException', (err) => {
    logger.fatal({ err }, 'uncaught exception; exiting so a supervisor can restart a clean process');
    logger.flush();
    process.exit(1);
  });
}
