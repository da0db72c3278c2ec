/**
 * Road directions in the household app, in a real browser at phone size, against the real API and
 * the seeded OpenStreetMap extracts: from Văn Miếu to an address on Phố Cát Linh the panel lists
 * the route's steps with its length and time, the map draws its line (read from MapLibre itself),
 * walking takes longer than riding, and the chooser works with the keyboard and in English. From
 * Đà Nẵng, where no road data is loaded, and when the request fails, the straight line stays, with
 * a sentence that says why. A script error in the page fails the test.
 */
import type { Browser, Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { bearingDegrees, compassPoint, distanceMeters, formatDistance, formatDuration } from '../../web/src/common/geo.js';
import { translate } from '../../web/src/i18n/household.js';
import {
  browserAvailable,
  eventually,
  newPhonePage,
  snapshot,
  textOf,
  useBrowserApp,
  withScreenshotOnFailure,
} from '../support/browser.js';

type Route = {
  profile: string;
  distance: number;
  duration: number;
  geometry: { coordinates: [number, number][] };
  steps: { name: string | null; instruction: string; instructionEn: string; distance: number }[];
};
/** What MapLibre itself holds for the directions: the route's layers and source, and the dashed line's data. */
type MapState = {
  routeLayer: string | null;
  casingLayer: string | null;
  routePoints: number;
  /** the route's line lies inside the map's view */
  routeInView: boolean;
  /** the dashed line's features, each as its number of points */
  dashed: number[];
};

// inside the Hà Nội extract (Văn Miếu): the address on Phố Cát Linh, the phone in front of the Temple of Literature
const ADDRESS = { lat: 21.029, lng: 105.83 };
const VAN_MIEU = { latitude: 21.0275, longitude: 105.8355 };
const DA_NANG = { latitude: 16.0544, longitude: 108.2022 };

describe('how long a trip takes, as people say it', () => {
  test('minutes, then hours and minutes, in both languages', () => {
    expect(formatDuration(20, 'vi')).toBe('< 1 phút');
    expect(formatDuration(150, 'vi')).toBe('3 phút');
    expect(formatDuration(150, 'en')).toBe('3 min');
    expect(formatDuration(3600, 'vi')).toBe('1 giờ');
    expect(formatDuration(3900, 'en')).toBe('1 h 5 min');
    expect(formatDuration(Number.NaN, 'vi')).toBe('—');
  });
});

describe.skipIf(!browserAvailable())('road directions in a browser', () => {
  let browser: Browser;
  let origin: string;
  let code = '';
  const track = useBrowserApp((ctx) => {
    browser = ctx.browser;
    origin = ctx.origin;
  });

  const open = async (path: string, options: Parameters<typeof newPhonePage>[1] = {}) => {
    const page = track(await newPhonePage(browser, options));
    await page.goto(origin + path);
    return page;
  };
  const api = async (path: string) => {
    const response = await fetch(origin + path);
    return { status: response.status, body: await response.json() };
  };
  const addressCode = async () => {
    if (code) return code;
    const response = await fetch(`${origin}/v1/addresses`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(ADDRESS),
    });
    expect([200, 201]).toContain(response.status);
    code = ((await response.json()) as { code: string }).code;
    return code;
  };
  const routeFromApi = async (profile: string): Promise<Route> => {
    const { status, body } = await api(
      `/v1/route?from=${VAN_MIEU.latitude},${VAN_MIEU.longitude}&to=${encodeURIComponent(code)}&profile=${profile}`,
    );
    expect(status).toBe(200);
    return body;
  };
  const mapReady = (page: Page) => page.waitForSelector('#map[data-state="ready"]', { timeout: 20_000 });

  /** Reads the directions off the MapLibre map (the app hangs it on #map as `maplibreMap`). */
  const mapState = (page: Page) =>
    page.evaluate(async (): Promise<MapState | null> => {
      type GeoJson = { type: string; coordinates?: number[][]; geometry?: GeoJson; features?: GeoJson[] };
      type Source = { getData(): Promise<GeoJson> };
      type Layer = { type: string };
      type LibreMap = {
        getSource(id: string): Source | undefined;
        getLayer(id: string): Layer | undefined;
        getBounds(): { contains(point: [number, number]): boolean };
      };
      const map = (document.getElementById('map') as HTMLElement & { maplibreMap?: LibreMap }).maplibreMap;
      if (!map) return null;
      const route = map.getSource('app-route');
      const line = route ? await route.getData() : null;
      const coordinates = (line?.geometry ?? line)?.coordinates ?? [];
      const dashedData = await map.getSource('app-line')!.getData();
      const dashed = (dashedData.features ?? (dashedData.type === 'Feature' ? [dashedData] : [])).map(
        (f) => f.geometry?.coordinates?.length ?? 0,
      );
      const bounds = map.getBounds();
      return {
        routeLayer: map.getLayer('app-route')?.type ?? null,
        casingLayer: map.getLayer('app-route-casing')?.type ?? null,
        routePoints: coordinates.length,
        routeInView: coordinates.length > 0 && coordinates.every(([lng, lat]) => bounds.contains([lng!, lat!])),
        dashed,
      };
    });
  const stepTexts = (page: Page) => page.locator('#steps-list .step-text').allTextContents();
  const seconds = async (page: Page) => Number(await page.locator('.fact-route-duration').getAttribute('data-seconds'));

  test('from Văn Miếu to Phố Cát Linh: steps, length and time, the route on the map; walking takes longer', async () => {
    await addressCode();
    const page = await open(`/${code}`, { geolocation: VAN_MIEU, permissions: ['geolocation'] });
    await withScreenshotOnFailure(page, 'directions-route', async () => {
      await eventually(() => textOf(page.locator('#big-code'))).toBe(code);
      await mapReady(page);
      await page.click('#open-directions');

      // motorbike first; the three ways are labelled radio buttons
      expect(await page.getByRole('radio', { name: 'Xe máy' }).isChecked()).toBe(true);
      expect(await page.getByRole('radio', { name: 'Ô tô' }).isChecked()).toBe(false);
      expect(await page.getByRole('radio', { name: 'Đi bộ' }).isChecked()).toBe(false);
      expect(await textOf(page.locator('.profiles legend'))).toBe('Đi bằng');

      const motorbike = await routeFromApi('motorbike');
      await eventually(() => page.locator('#steps-list li').count()).toBe(motorbike.steps.length);
      const texts = await stepTexts(page);
      expect(texts.length).toBeGreaterThan(2);
      expect(texts).toEqual(motorbike.steps.map((s) => s.instruction));
      expect(texts.join('\n')).toMatch(/Phố Quốc Tử Giám|Phố Cát Linh/);
      expect(texts.at(-1)).toBe('Đến nơi');
      // every step but the arrival has its length
      const stepDistances = await page.locator('#steps-list .step-distance').allTextContents();
      expect(stepDistances).toEqual(motorbike.steps.filter((s) => s.distance >= 1).map((s) => formatDistance(s.distance, 'vi')));
      expect(stepDistances[0]).toMatch(/^\d+ m$|^\d+(,\d)? km$/);
      // the totals at the top
      expect(await textOf(page.locator('.fact-route-distance'))).toBe(formatDistance(motorbike.distance, 'vi'));
      expect(motorbike.distance).toBeGreaterThan(500);
      expect(await textOf(page.locator('.fact-route-duration'))).toBe(formatDuration(motorbike.duration, 'vi'));
      expect(await textOf(page.locator('.fact-route-duration'))).toMatch(/^(< )?\d+ phút$/);
      // a route, not the straight-line stand-in
      expect(await page.locator('#directions-notice').count()).toBe(0);
      expect(await page.locator('.fact-distance').count()).toBe(0);

      // the map draws the route's line (more than two points, all in view), and no straight line
      await eventually(async () => (await mapState(page))?.routePoints).toBe(motorbike.geometry.coordinates.length);
      const drawn = (await mapState(page))!;
      expect(drawn.routePoints).toBeGreaterThan(2);
      expect(drawn.routeLayer).toBe('line');
      expect(drawn.casingLayer).toBe('line');
      await eventually(async () => (await mapState(page))?.routeInView).toBe(true);
      for (const link of drawn.dashed) expect(link).toBe(2); // at most the short links to the route's ends
      await snapshot(page, 'directions-1-motorbike');

      // on foot: asked again, the same streets, much slower
      const riding = await seconds(page);
      expect(riding).toBe(Math.round(motorbike.duration));
      await page.getByRole('radio', { name: 'Đi bộ' }).check();
      await page.waitForSelector('.facts--route[data-profile="foot"]');
      const foot = await routeFromApi('foot');
      const walking = await seconds(page);
      expect(walking).toBe(Math.round(foot.duration));
      expect(walking).toBeGreaterThan(riding * 2);
      expect(await textOf(page.locator('.fact-route-duration'))).toBe(formatDuration(foot.duration, 'vi'));
      expect(await stepTexts(page)).toEqual(foot.steps.map((s) => s.instruction));
      await eventually(async () => (await mapState(page))?.routePoints).toBe(foot.geometry.coordinates.length);
      await snapshot(page, 'directions-2-foot');

      // the keyboard: the arrow keys move between the ways of travelling, and the focus stays on the chooser
      await page.focus('#profile-foot');
      await page.keyboard.press('ArrowLeft');
      await page.waitForSelector('.facts--route[data-profile="car"]');
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('profile-car');
      expect(await page.getByRole('radio', { name: 'Ô tô' }).isChecked()).toBe(true);
      const car = await routeFromApi('car');
      expect(await seconds(page)).toBe(Math.round(car.duration));

      // in English: the English instructions, minutes as "min"
      await page.click('#lang-switch');
      await eventually(() => textOf(page.locator('.profiles legend'))).toBe('Travel by');
      expect(await page.getByRole('radio', { name: 'Car' }).isChecked()).toBe(true);
      expect(await page.getByRole('radio', { name: 'Walk' }).count()).toBe(1);
      expect(await page.getByRole('radio', { name: 'Motorbike' }).count()).toBe(1);
      expect(await stepTexts(page)).toEqual(car.steps.map((s) => s.instructionEn));
      expect(await textOf(page.locator('.fact-route-duration'))).toBe(formatDuration(car.duration, 'en'));
      expect(await textOf(page.locator('.fact-route-duration'))).toMatch(/ min$/);

      // closing the panel removes the route from the map
      await page.click('#close-directions');
      await eventually(() => page.locator('#open-directions').count()).toBe(1);
      await eventually(async () => (await mapState(page))?.routeLayer).toBe(null);
      const closed = (await mapState(page))!;
      expect(closed.casingLayer).toBe(null);
      expect(closed.routePoints).toBe(0);
      expect(closed.dashed).toEqual([]);
    });
  });

  test('from Đà Nẵng, where no road data is loaded: the straight line, its length, and why, in both languages', async () => {
    await addressCode();
    const page = await open(`/${code}`, { geolocation: DA_NANG, permissions: ['geolocation'] });
    await withScreenshotOnFailure(page, 'directions-off-network', async () => {
      await eventually(() => textOf(page.locator('#big-code'))).toBe(code);
      await mapReady(page);
      await page.click('#open-directions');
      const meters = distanceMeters({ lat: DA_NANG.latitude, lng: DA_NANG.longitude }, ADDRESS);
      const distance = formatDistance(meters, 'vi');
      expect(distance).toMatch(/^\d+ km$/); // some 600 km
      await eventually(() => textOf(page.locator('#directions-notice'))).toBe(
        `Chỉ đường theo đường phố chỉ có ở những khu vực đã có dữ liệu đường, và chuyến đi này nằm ngoài các khu vực đó. Khoảng cách đường chim bay: ${distance}.`,
      );
      expect(await textOf(page.locator('.fact-distance'))).toBe(distance);
      const towards = compassPoint(bearingDegrees({ lat: DA_NANG.latitude, lng: DA_NANG.longitude }, ADDRESS));
      expect(await textOf(page.locator('.fact-heading'))).toBe(translate('vi', `compass.${towards}`));
      expect(await page.locator('#steps-list li').count()).toBe(0);
      expect(await page.locator('.fact-route-distance').count()).toBe(0);
      // the API said the same: off the network, with the straight line
      const { status, body } = await api(`/v1/route?from=${DA_NANG.latitude},${DA_NANG.longitude}&to=${code}`);
      expect(status).toBe(422);
      expect(body.type).toBe('/problems/off-network');
      expect(formatDistance(body.straightLine, 'vi')).toBe(distance);
      // on the map: the straight dashed line, no route
      await eventually(async () => (await mapState(page))?.dashed).toEqual([2]);
      expect((await mapState(page))!.routeLayer).toBe(null);
      await snapshot(page, 'directions-3-off-network');

      await page.click('#lang-switch');
      await eventually(() => textOf(page.locator('#directions-notice'))).toBe(
        `Road directions are only available where road data is loaded, and this trip is outside those areas. Straight-line distance: ${formatDistance(meters, 'en')}.`,
      );
      expect(await textOf(page.locator('.fact-heading'))).toBe(translate('en', `compass.${towards}`));
    });
  });

  test('a failed request keeps the straight line and offers to try again, which then brings the route', async () => {
    await addressCode();
    const page = await open(`/${code}`, { geolocation: VAN_MIEU, permissions: ['geolocation'] });
    await withScreenshotOnFailure(page, 'directions-network-error', async () => {
      const isRoute = (url: URL) => url.pathname === '/v1/route';
      await page.route(isRoute, (route) => route.abort('internetdisconnected'));
      await eventually(() => textOf(page.locator('#big-code'))).toBe(code);
      await page.click('#open-directions');
      const distance = formatDistance(distanceMeters({ lat: VAN_MIEU.latitude, lng: VAN_MIEU.longitude }, ADDRESS), 'vi');
      await eventually(() => textOf(page.locator('#directions-notice'))).toBe(
        `Chưa tải được chỉ đường theo đường phố. Khoảng cách đường chim bay: ${distance}.`,
      );
      expect(await textOf(page.locator('.fact-distance'))).toBe(distance);
      expect(await page.locator('#steps-list li').count()).toBe(0);

      await page.unroute(isRoute);
      await page.click('#retry-route');
      await eventually(async () => (await stepTexts(page)).join('\n')).toMatch(/Phố Cát Linh/);
      expect(await page.locator('#directions-notice').count()).toBe(0);
    });
  });
});
