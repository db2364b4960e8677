-- Views over the schema. Repeatable: Flyway re-runs this file whenever it changes. Views are
-- security_invoker so that row-level security applies to the caller, not the view owner.

-- The current (published) rota: each area-day's assignments from the plan that owns that day.
create or replace view current_assignments with (security_invoker = true) as
select a.*
from assignments a
         join published_plan_days d on d.plan_id = a.plan_id and d.service_date = a.service_date;

comment on view current_assignments is
    'Assignments of the published plan of each area and day (published_plan_days). What carers hold and what reports count as planned.';

-- Unmet need of the current rota.
create or replace view current_unassigned_visits with (security_invoker = true) as
select u.*
from unassigned_visits u
         join published_plan_days d on d.plan_id = u.plan_id and d.service_date = u.service_date;

comment on view current_unassigned_visits is
    'Unassigned visit slots of the published plan of each area and day, with reasons.';
