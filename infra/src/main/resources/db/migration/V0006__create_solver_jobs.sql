-- Solver jobs: the durable queue of rota generation and re-planning. Any api/worker instance
-- claims work with FOR UPDATE SKIP LOCKED and holds a lease it renews while solving; a job whose
-- lease has expired (its worker crashed) is claimed again by another instance.

create table solver_jobs
(
    id                  uuid primary key     default uuidv7(),
    organisation_id     uuid        not null references organisations on delete restrict,
    area_id             uuid        not null references areas on delete restrict,
    horizon_from        date        not null,
    horizon_to          date        not null,
    kind                text        not null default 'GENERATE',
    base_plan_id        uuid        references plans on delete set null,
    trigger_reason      text,
    status              text        not null default 'QUEUED',
    time_limit_seconds  integer     not null,
    progress_percent    smallint    not null default 0,
    best_score          text,
    best_feasible       boolean,
    requested_by        uuid        references app_users on delete set null,
    attempts            integer     not null default 0,
    lease_owner         text,
    lease_expires_at    timestamptz,
    cancel_requested_at timestamptz,
    started_at          timestamptz,
    finished_at         timestamptz,
    error               text,
    version             bigint      not null default 0,
    change_seq          bigint      not null default nextval('row_change_seq'),
    created_at          timestamptz not null default now(),
    updated_at          timestamptz not null default now(),
    constraint solver_jobs_horizon_to_check check (horizon_to >= horizon_from),
    constraint solver_jobs_kind_check check (kind in ('GENERATE', 'REPLAN')),
    constraint solver_jobs_status_check check (status in ('QUEUED', 'RUNNING', 'COMPLETED', 'FAILED', 'CANCELLED')),
    constraint solver_jobs_time_limit_seconds_check check (time_limit_seconds between 1 and 86400),
    constraint solver_jobs_progress_percent_check check (progress_percent between 0 and 100),
    constraint solver_jobs_attempts_check check (attempts >= 0),
    constraint solver_jobs_lease_check check (status <> 'RUNNING' or (lease_owner is not null and lease_expires_at is not null)),
    constraint solver_jobs_finished_at_check
        check ((status in ('COMPLETED', 'FAILED', 'CANCELLED')) = (finished_at is not null)),
    constraint solver_jobs_error_check check (status <> 'FAILED' or error is not null)
);

comment on table solver_jobs is
    'Rota generation (GENERATE) and re-planning against a published plan (REPLAN, base_plan_id). Claim: select ... where status = ''QUEUED'' or (status = ''RUNNING'' and lease_expires_at < now()) order by created_at for update skip locked limit 1, then set RUNNING with lease_owner/lease_expires_at. The plan it produces points back through plans.solver_job_id. cancel_requested_at: stopSolverJob on any instance; the owner sees it when it renews its lease.';

create index solver_jobs_queued_idx on solver_jobs (created_at) where status = 'QUEUED';
create index solver_jobs_running_lease_idx on solver_jobs (lease_expires_at) where status = 'RUNNING';
create index solver_jobs_area_id_created_at_idx on solver_jobs (area_id, created_at);

create trigger solver_jobs_touch
    before update on solver_jobs
    for each row when (old.* is distinct from new.*)
execute function touch_row();

alter table plans
    add constraint plans_solver_job_fkey foreign key (solver_job_id) references solver_jobs on delete set null;
