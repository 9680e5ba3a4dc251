import { GraphQLSchemaHost } from '@nestjs/graphql';
import { lexicographicSortSchema, printSchema } from 'graphql';
import { startTestHub, type TestHub } from '@kim/test-support/hub';
import { SCHEMA_HEADER, gatewaySchemaSdl } from './schema-sdl.js';

/** The schema printer (no database) and the running gateway (with one) agree. */
describe('schema printer', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub('schema');
  });
  afterAll(() => hub.close());

  it('prints exactly the schema the running gateway serves', async () => {
    const served = printSchema(lexicographicSortSchema(hub.app.get(GraphQLSchemaHost).schema));
    expect(await gatewaySchemaSdl()).toBe(`${SCHEMA_HEADER}\n${served}\n`);
  });
});
