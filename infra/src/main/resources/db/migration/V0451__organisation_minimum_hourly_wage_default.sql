-- Issue 6: the organisation's minimum hourly wage is a setting coordinators read and admins set
-- (GraphQL Organisation.settings.minimumHourlyWage). It defaults to the National Living Wage for
-- workers aged 21 and over from 1 April 2026, £12.71 an hour; organisations that had no floor get
-- it, so that the figure shown is the one the planner enforces (the minimumWage hard constraint,
-- for carers paid per visit or per contact hour).
set local carerota.role = 'SYSTEM'; -- a non-superuser owner is subject to FORCE RLS
update organisations set minimum_hourly_wage = 12.71 where minimum_hourly_wage is null;

alter table organisations
    alter column minimum_hourly_wage set default 12.71,
    alter column minimum_hourly_wage set not null;

comment on column organisations.minimum_hourly_wage is
    'Pay floor in pounds per hour for carers paid per visit or per contact hour, over the time from a day''s first visit to its last (travel and waiting included). Default: the National Living Wage from 1 April 2026 (12.71).';
