-- Indexes for the capacity reports (issue 8; the report functions are in R__reports.sql). Reports
-- select visits by area and Europe/London day, and the published rota's routes by plan and day.

create index visits_area_id_service_date_idx on visits (area_id, service_date);
create index plan_routes_plan_id_service_date_idx on plan_routes (plan_id, service_date);
