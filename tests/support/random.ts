export { seededRandom } from '../../server/lib/seeded-random.js';
