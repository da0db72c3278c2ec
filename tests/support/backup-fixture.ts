/**
 * For tests/backup, written by SQL into a migrated (unseeded) database: households, staff, sessions, keys
 * and their usage, addresses (Vietnamese text, private ones, units), their history, proposals.
 */
export const FIXTURE = `
INSERT INTO users (email, phone, password_hash, role, created_at)
  SELECT CASE WHEN g % 3 = 0 THEN NULL ELSE 'nguoi' || g || '@example.vn' END, CASE WHEN g % 3 = 0 THEN '+8490' || lpad(g::text, 7, '0') END,
         '$argon2id$v=19$m=19456,t=2,p=1$' || md5(g::text), CASE WHEN g = 1 THEN 'admin' WHEN g < 5 THEN 'staff' ELSE 'household' END,
         timestamptz '2026-01-01 08:00+07' + g * interval '1 hour'
  FROM generate_series(1, 40) g;
INSERT INTO staff_wards (user_id, ward_code) SELECT id, '0007' || (id % 4) FROM users WHERE role = 'staff';
INSERT INTO sessions (token_hash, user_id, expires_at) SELECT md5('s' || id), id, now() + interval '30 days' FROM users WHERE id % 2 = 0;
INSERT INTO api_keys (name, prefix, hash, scope, allowed_origins, owner_id)
  SELECT 'kho ' || g, 'vnac_' || lpad(g::text, 4, '0'), md5('k' || g), CASE WHEN g % 2 = 0 THEN 'read' ELSE 'write' END,
         CASE WHEN g = 1 THEN ARRAY['https://shop.example.vn'] ELSE '{}' END, CASE WHEN g < 3 THEN g END
  FROM generate_series(1, 5) g;
INSERT INTO api_usage (key_id, day, requests, codes, errors) SELECT id, date '2026-11-20' + d, 100 * d, 1000 * d, d FROM api_keys, generate_series(0, 2) d;
INSERT INTO addresses (code, unit, h3, geom, ward_code, house_number, street, hamlet, landmark, status, owner_id, private, place_name, category)
  SELECT '25M' || lpad(upper(to_hex(g)), 6, '0'), CASE WHEN g % 10 = 0 THEN 'P' || g ELSE '' END, 640000000000000000 + g,
         ST_SetSRID(ST_MakePoint(105.80 + g * 0.0001, 21.02 + g * 0.00007), 4326), '0007' || (g % 4),
         (g % 200)::text, 'Phố Quốc Tử Giám', CASE WHEN g % 7 = 0 THEN 'Thôn Đông' END, CASE WHEN g % 5 = 0 THEN 'đối diện Văn Miếu' END,
         (ARRAY['draft', 'verified', 'needs_review'])[1 + g % 3], CASE WHEN g % 4 = 0 THEN 1 + g % 40 END, g % 13 = 0,
         CASE WHEN g % 50 = 0 THEN 'Quán phở ' || g END, CASE WHEN g % 50 = 0 THEN 'restaurant' END
  FROM generate_series(1, 600) g;
INSERT INTO address_versions (address_id, version, kind, state, change, actor_id, reason)
  SELECT a.id, v, CASE WHEN v = 1 THEN 'created' ELSE 'edited' END, jsonb_build_object('houseNumber', a.house_number, 'v', v),
         jsonb_build_object('street', jsonb_build_array('Phố cũ', a.street)), a.owner_id, CASE WHEN v = 2 THEN 'sửa số nhà' END
  FROM addresses a, generate_series(1, 2) v WHERE a.id % 3 <> 0 OR v = 1;
INSERT INTO proposals (kind, address_id, ward_code, proposer_id, base_version, payload, status, reason)
  SELECT CASE WHEN g % 5 = 0 THEN 'new_place' ELSE 'edit' END, CASE WHEN g % 5 = 0 THEN NULL ELSE g END, '00070', 5 + g % 30,
         CASE WHEN g % 5 = 0 THEN NULL ELSE 1 END, jsonb_build_object('details', jsonb_build_object('landmark', 'gần chợ ' || g)),
         (ARRAY['pending', 'approved', 'rejected'])[1 + g % 3], CASE WHEN g % 3 = 2 THEN 'không đúng' END
  FROM generate_series(1, 60) g;
`;
