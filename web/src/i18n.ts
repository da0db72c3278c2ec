/**
 * Every string the app shows, Vietnamese first. `en` must have exactly the keys of `vi` (the
 * type says so, and a unit test checks the {placeholders} match too). Pure: the DOM side keeps
 * the current language and re-renders.
 */

const vi = {
  'app.title': 'Mã địa chỉ số',
  'app.skip': 'Bỏ qua, tới bảng thông tin',
  'lang.switch': 'English',
  'lang.switchLabel': 'Switch to English',
  'nav.about': 'Giới thiệu',

  'search.label': 'Tìm mã địa chỉ',
  'search.placeholder': 'VD: 25M-SN9-S32',
  'search.submit': 'Tìm',
  'search.empty': 'Hãy nhập mã địa chỉ gồm 9 ký tự.',
  'search.searching': 'Đang tìm…',
  'search.didYouMean': 'Có phải bạn muốn tìm:',
  'search.noSuggestion': 'Không có mã nào gần giống. Hãy kiểm tra lại từng ký tự.',

  'home.title': 'Chào bạn!',
  'home.intro': 'Mỗi ngôi nhà có một mã 9 ký tự theo đúng vị trí cổng. Tạo mã cho nhà bạn, hoặc nhập một mã ở trên để xem trên bản đồ.',
  'home.create': 'Tạo mã địa chỉ',

  'create.title': 'Tạo mã địa chỉ',
  'create.useLocation': 'Dùng vị trí của tôi',
  'create.orTap': 'Hoặc chạm vào bản đồ, đúng chỗ cổng hay cửa nhà bạn.',
  'create.locating': 'Đang tìm vị trí…',
  'create.accuracy': 'Vị trí có thể lệch khoảng {distance}.',
  'create.dragHint': 'Kéo ghim tới đúng cổng hoặc cửa nhà, rồi bấm “Đăng ký mã”.',
  'create.preview': 'Mã của điểm này',
  'create.encoding': 'Đang tính mã…',
  'create.coords': 'Toạ độ',
  'create.details': 'Thêm chi tiết (không bắt buộc)',
  'create.detailsHelp': 'Chỉ mô tả nơi này. Đừng ghi số điện thoại hay email.',
  'create.register': 'Đăng ký mã',
  'create.registering': 'Đang đăng ký…',
  'create.cancel': 'Huỷ',
  'create.fixErrors': 'Hãy sửa các ô được đánh dấu.',

  'field.houseNumber': 'Số nhà',
  'field.street': 'Đường/phố',
  'field.hamlet': 'Thôn/ấp/tổ',
  'field.building': 'Toà nhà',
  'field.landmark': 'Mốc gần',
  'field.note': 'Ghi chú giao hàng',
  'field.unit': 'Căn hộ/phòng',
  'field.unitHelp': '1–6 chữ cái hoặc chữ số, VD: P302.',

  'result.yourCode': 'Mã địa chỉ của bạn',
  'result.created': 'Đã đăng ký! Viết mã này lên cổng hoặc gửi cho người giao hàng.',
  'result.existing': 'Chỗ này đã được đăng ký từ trước; chi tiết vừa nhập không được lưu.',
  'result.again': 'Tạo mã khác',

  'place.title': 'Mã địa chỉ',
  'place.ward': 'Phường/xã',
  'place.province': 'Tỉnh/thành phố',
  'place.postalCode': 'Mã bưu chính',
  'place.address': 'Địa chỉ',
  'place.note': 'Ghi chú giao hàng',
  'place.unit': 'Căn hộ/phòng',
  'place.notRegistered': 'Chưa ai đăng ký địa chỉ ở mã này, nhưng mã vẫn chỉ đúng vị trí này.',
  'place.atSea': 'Ngoài đất liền (trên biển)',
  'place.unknown': 'Chưa rõ',
  'place.close': 'Đóng',

  'copy.code': 'Chép mã',
  'copy.codeDone': 'Đã chép mã {code}',
  'copy.link': 'Chép đường dẫn',
  'copy.linkDone': 'Đã chép đường dẫn',
  'copy.failed': 'Không chép được. Hãy giữ ngón tay lên chữ để chép.',

  'share.title': 'Chia sẻ',
  'share.link': 'Đường dẫn',
  'share.send': 'Gửi…',
  'share.text': 'Mã địa chỉ: {code}',
  'share.qrAlt': 'Mã QR dẫn tới địa chỉ {code}',
  'share.qrMissing': 'Chưa tải được mã QR.',
  'share.qrDownload': 'Tải ảnh mã QR',
  'share.print': 'In thẻ dán cổng',
  'print.scan': 'Quét mã QR để xem trên bản đồ',

  'directions.open': 'Chỉ đường',
  'directions.title': 'Chỉ đường tới {code}',
  'directions.notice': 'Đường thẳng — chỉ đường thật sẽ có sau',
  'directions.locating': 'Đang tìm vị trí của bạn…',
  'directions.distance': 'Khoảng cách đường chim bay',
  'directions.heading': 'Hướng đi',
  'directions.steps': 'Các bước đi',
  'directions.noSteps': 'Chưa có chỉ dẫn từng bước. Hãy đi theo hướng trên bản đồ.',
  'directions.from': 'Từ vị trí của bạn',
  'directions.close': 'Đóng chỉ đường',

  'compass.N': 'Bắc',
  'compass.NE': 'Đông Bắc',
  'compass.E': 'Đông',
  'compass.SE': 'Đông Nam',
  'compass.S': 'Nam',
  'compass.SW': 'Tây Nam',
  'compass.W': 'Tây',
  'compass.NW': 'Tây Bắc',

  'geo.denied': 'Bạn chưa cho phép dùng vị trí. Hãy bật quyền vị trí cho trang này, hoặc chạm vào bản đồ.',
  'geo.unavailable': 'Chưa xác định được vị trí. Hãy ra chỗ thoáng rồi thử lại, hoặc chạm vào bản đồ.',
  'geo.timeout': 'Tìm vị trí quá lâu. Hãy thử lại, hoặc chạm vào bản đồ.',
  'geo.unsupported': 'Máy này không cho biết vị trí. Hãy chạm vào bản đồ.',

  'error.network': 'Không kết nối được. Hãy kiểm tra mạng rồi thử lại.',
  'error.timeout': 'Mạng chậm, chưa nhận được trả lời. Hãy thử lại.',
  'error.server': 'Máy chủ đang gặp sự cố. Hãy thử lại sau ít phút.',
  'error.unavailable': 'Dịch vụ tạm gián đoạn. Hãy thử lại sau {seconds} giây.',
  'error.outside': 'Điểm này nằm ngoài vùng có mã (Việt Nam, các đảo và vùng biển gần bờ).',
  'error.invalid': 'Thông tin chưa đúng: {detail}',
  'error.code.empty': 'Hãy nhập mã địa chỉ gồm 9 ký tự.',
  'error.code.characters': 'Mã chỉ gồm chữ số 0–9 và chữ cái in hoa (không có I, L, O, U).',
  'error.code.length': 'Mã có 9 ký tự (XXX-XXX-XXX); mã bạn nhập có {count} ký tự.',
  'error.code.check': 'Mã này sai một ký tự (ký tự kiểm tra không khớp).',
  'error.code.coverage': 'Mã này chưa được cấp: nó nằm ngoài vùng có mã.',
  'error.code.unit': 'Căn hộ/phòng sau dấu “/” gồm 1–6 chữ cái hoặc chữ số.',
  'error.contact': 'Chỉ mô tả nơi này: không ghi số điện thoại hay email.',
  'error.tooLong': 'Dài quá: tối đa {max} ký tự.',
  'action.retry': 'Thử lại',

  'map.label': 'Bản đồ. Chạm vào bản đồ để chọn vị trí.',
  'map.loading': 'Đang tải bản đồ…',
  'map.failed': 'Không tải được bản đồ. Bạn vẫn có thể tìm mã và dùng vị trí của mình.',
  'map.pin': 'Ghim vị trí: kéo, hoặc chọn rồi dùng phím mũi tên để dịch.',
  'map.target': 'Địa chỉ',
  'map.you': 'Bạn ở đây',
} as const;

export type MessageKey = keyof typeof vi;
export type Lang = 'vi' | 'en';
export const LANGS: readonly Lang[] = ['vi', 'en'];

const en: Record<MessageKey, string> = {
  'app.title': 'Digital address code',
  'app.skip': 'Skip to the information panel',
  'lang.switch': 'Tiếng Việt',
  'lang.switchLabel': 'Chuyển sang tiếng Việt',
  'nav.about': 'About',

  'search.label': 'Find an address code',
  'search.placeholder': 'e.g. 25M-SN9-S32',
  'search.submit': 'Find',
  'search.empty': 'Type an address code of 9 characters.',
  'search.searching': 'Searching…',
  'search.didYouMean': 'Did you mean:',
  'search.noSuggestion': 'No similar code found. Check each character again.',

  'home.title': 'Hello!',
  'home.intro': 'Every home gets a 9-character code for the exact spot of its gate. Create the code of your home, or type a code above to see it on the map.',
  'home.create': 'Create my address code',

  'create.title': 'Create an address code',
  'create.useLocation': 'Use my location',
  'create.orTap': 'Or tap the map, right where your gate or door is.',
  'create.locating': 'Finding your location…',
  'create.accuracy': 'The location may be off by about {distance}.',
  'create.dragHint': 'Drag the pin onto your gate or door, then press “Register this code”.',
  'create.preview': 'Code of this spot',
  'create.encoding': 'Working out the code…',
  'create.coords': 'Coordinates',
  'create.details': 'Add details (optional)',
  'create.detailsHelp': 'Describe the place only. Do not write phone numbers or e-mail addresses.',
  'create.register': 'Register this code',
  'create.registering': 'Registering…',
  'create.cancel': 'Cancel',
  'create.fixErrors': 'Please correct the marked fields.',

  'field.houseNumber': 'House number',
  'field.street': 'Street',
  'field.hamlet': 'Hamlet / group',
  'field.building': 'Building',
  'field.landmark': 'Nearby landmark',
  'field.note': 'Delivery note',
  'field.unit': 'Flat / room',
  'field.unitHelp': '1–6 letters or digits, e.g. P302.',

  'result.yourCode': 'Your address code',
  'result.created': 'Registered! Write this code on your gate or send it to couriers.',
  'result.existing': 'This spot was already registered; the details you typed were not saved.',
  'result.again': 'Create another code',

  'place.title': 'Address code',
  'place.ward': 'Ward / commune',
  'place.province': 'Province / city',
  'place.postalCode': 'Postal code',
  'place.address': 'Address',
  'place.note': 'Delivery note',
  'place.unit': 'Flat / room',
  'place.notRegistered': 'Nobody has registered an address at this code yet, but the code still points to this exact spot.',
  'place.atSea': 'Off the mainland (at sea)',
  'place.unknown': 'Unknown',
  'place.close': 'Close',

  'copy.code': 'Copy code',
  'copy.codeDone': 'Copied {code}',
  'copy.link': 'Copy link',
  'copy.linkDone': 'Link copied',
  'copy.failed': 'Could not copy. Press and hold the text to copy it.',

  'share.title': 'Share',
  'share.link': 'Link',
  'share.send': 'Share…',
  'share.text': 'Address code: {code}',
  'share.qrAlt': 'QR code linking to address {code}',
  'share.qrMissing': 'The QR code could not be loaded.',
  'share.qrDownload': 'Download the QR image',
  'share.print': 'Print a gate card',
  'print.scan': 'Scan the QR code to see it on the map',

  'directions.open': 'Directions',
  'directions.title': 'Directions to {code}',
  'directions.notice': 'Straight line — real directions are coming later',
  'directions.locating': 'Finding your location…',
  'directions.distance': 'Straight-line distance',
  'directions.heading': 'Head',
  'directions.steps': 'Steps',
  'directions.noSteps': 'No turn-by-turn steps yet. Follow the direction on the map.',
  'directions.from': 'From your location',
  'directions.close': 'Close directions',

  'compass.N': 'north',
  'compass.NE': 'north-east',
  'compass.E': 'east',
  'compass.SE': 'south-east',
  'compass.S': 'south',
  'compass.SW': 'south-west',
  'compass.W': 'west',
  'compass.NW': 'north-west',

  'geo.denied': 'Location permission is off. Allow location for this page, or tap the map.',
  'geo.unavailable': 'Your location could not be found. Move to an open spot and try again, or tap the map.',
  'geo.timeout': 'Finding your location took too long. Try again, or tap the map.',
  'geo.unsupported': 'This device does not share its location. Tap the map instead.',

  'error.network': 'No connection. Check your network and try again.',
  'error.timeout': 'The network is slow and no answer came. Try again.',
  'error.server': 'The server has a problem. Try again in a few minutes.',
  'error.unavailable': 'The service is briefly unavailable. Try again in {seconds} seconds.',
  'error.outside': 'This spot is outside the area with codes (Vietnam, its islands and near-shore sea).',
  'error.invalid': 'Something is not right: {detail}',
  'error.code.empty': 'Type an address code of 9 characters.',
  'error.code.characters': 'Codes use the digits 0–9 and capital letters (no I, L, O or U).',
  'error.code.length': 'A code has 9 characters (XXX-XXX-XXX); this one has {count}.',
  'error.code.check': 'One character of this code is wrong (the check character does not match).',
  'error.code.coverage': 'This code is not assigned: it lies outside the covered area.',
  'error.code.unit': 'A flat or room after “/” has 1–6 letters or digits.',
  'error.contact': 'Describe the place only: no phone numbers or e-mail addresses.',
  'error.tooLong': 'Too long: at most {max} characters.',
  'action.retry': 'Try again',

  'map.label': 'Map. Tap the map to choose a spot.',
  'map.loading': 'Loading the map…',
  'map.failed': 'The map could not be loaded. You can still look up codes and use your location.',
  'map.pin': 'Location pin: drag it, or focus it and use the arrow keys to move it.',
  'map.target': 'Address',
  'map.you': 'You are here',
};

export const DICTIONARIES: Record<Lang, Record<MessageKey, string>> = { vi, en };

export type Vars = Record<string, string | number>;

/** The message in `lang` with {name} placeholders filled; unknown placeholders stay visible. */
export function translate(lang: Lang, key: MessageKey, vars: Vars = {}): string {
  return DICTIONARIES[lang][key].replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}

/** The stored choice if it is a known language, else Vietnamese. */
export function pickLang(stored: string | null | undefined): Lang {
  return stored === 'en' ? 'en' : 'vi';
}
