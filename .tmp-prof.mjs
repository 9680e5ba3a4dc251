import { createDataSource } from '@kim/persistence';
import { BoardQueries } from '@kim/core';
const ds = await createDataSource({ url: process.argv[2] }).initialize();
const [u] = await ds.query(`SELECT tenant_id, id, role, coordination_area_id, region_id FROM staff_users WHERE email LIKE 'coordinator-kreis@%'`);
const p = { kind: 'staff', tenantId: u.tenant_id, userId: u.id, role: 'coordinator', displayName: 'x', regionId: null, coordinationAreaId: u.coordination_area_id };
const origQuery = ds.query.bind(ds);
const timings = [];
ds.query = async (sql, params) => { const t = performance.now(); const r = await origQuery(sql, params); timings.push([Math.round(performance.now() - t), sql.replace(/\s+/g,' ').slice(0, 90), r.length]); return r; };
const b = new BoardQueries(ds);
for (let i = 0; i < 3; i++) { timings.length = 0; const t = performance.now(); await b.statusBoard(p, null, null); console.log('total', Math.round(performance.now() - t)); }
console.log(timings);
await ds.destroy();
