-- 预约 (issue 12 phase 2): the booking number (queue_appointments.code) is what a citizen types at the
-- kiosk, so it must name one live booking of a center; and one phone holds one booking per category and day.
create unique index queue_appointments_booking_no on queue_appointments (org_id, code) where status = 'booked';
create unique index queue_appointments_phone_day on queue_appointments (category_id, on_date, phone) where status = 'booked';
comment on column queue_appointments.code is '预约号: 6 digits, unique among a center''s live bookings; typed or scanned (QR) at the kiosk';
