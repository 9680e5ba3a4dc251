import { Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import type { HubConfig } from '@kim/config';
import { createDataSource } from '@kim/persistence';
import { DATA_SOURCE, HUB_CONFIG } from '../common/tokens.js';

@Global()
@Module({
  providers: [
    {
      provide: DATA_SOURCE,
      inject: [HUB_CONFIG],
      useFactory: async (config: HubConfig) => {
        const ds = createDataSource({ url: config.DATABASE_URL, applicationName: 'kim-gateway', poolSize: 20 });
        return ds.initialize();
      },
    },
  ],
  exports: [DATA_SOURCE],
})
export class DatabaseModule implements OnApplicationShutdown {
  constructor(@Inject(DATA_SOURCE) private readonly ds: DataSource) {}
  async onApplicationShutdown(): Promise<void> {
    if (this.ds.isInitialized) await this.ds.destroy();
  }
}
