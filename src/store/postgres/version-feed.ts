import pg from 'pg';

/** The channel every load and write announces the graph's new version on. */
export const VERSION_CHANNEL = 'entente_graph';
/** The channel every commit announces its journal entry's sequence on. */
export const JOURNAL_CHANNEL = 'entente_journal';

/**
 * Keeps a replica's idea of the graph version current: a connection of its own LISTENs on the
 * version channel, and each NOTIFY (sent by the transaction that changed the graph, delivered when
 * it commits) hands the new version on. When the connection is lost it is made again, with a
 * growing pause, and the version is read afresh, so a change made while it was away is not missed.
 * It listens for journal entries too, and says so on each and on every (re)connection, so that the
 * store reads the entries it has not delivered yet (see PostgresGraphStore.watch).
 */
export class VersionFeed {
  private client: pg.Client | null = null;
  private stopped = false;
  private retryMs = RETRY_FIRST_MS;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly config: pg.ClientConfig,
    private readonly onVersion: (version: string) => void,
    private readonly onConnection: (connected: boolean) => void = () => {},
    private readonly onJournal: () => void = () => {},
  ) {}

  get connected(): boolean {
    return this.client !== null;
  }

  /** Connects and listens; throws when the database cannot be reached now. */
  async start(): Promise<void> {
    await this.connect();
  }

  private async connect(): Promise<void> {
    const client = new pg.Client(this.config);
    client.on('error', () => this.lost(client));
    client.on('end', () => this.lost(client));
    client.on('notification', (message) => {
      if (message.channel === VERSION_CHANNEL && message.payload) this.onVersion(message.payload);
      if (message.channel === JOURNAL_CHANNEL) this.onJournal();
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${VERSION_CHANNEL}`);
      await client.query(`LISTEN ${JOURNAL_CHANNEL}`);
      const { rows } = await client.query<{ version: string }>('SELECT version FROM graph_state');
      if (rows[0]) this.onVersion(rows[0].version);
    } catch (error) {
      await client.end().catch(() => {});
      throw error;
    }
    if (this.stopped) {
      await client.end().catch(() => {});
      return;
    }
    this.client = client;
    this.retryMs = RETRY_FIRST_MS;
    this.onConnection(true);
    this.onJournal();
  }

  private lost(client: pg.Client): void {
    if (client !== this.client) return;
    this.client = null;
    this.onConnection(false);
    client.end().catch(() => {});
    this.retry();
  }

  private retry(): void {
    if (this.stopped || this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.connect().catch(() => {
        this.retryMs = Math.min(this.retryMs * 2, RETRY_MAX_MS);
        this.retry();
      });
    }, this.retryMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => {});
  }
}

const RETRY_FIRST_MS = 100;
const RETRY_MAX_MS = 2000;
