export { seededRandom } from '../../server/seeded-random.js';
