-- Test-only: a migration that does real work and then fails. Flyway runs it in one transaction,
-- so none of the work below may survive.
create table should_not_exist (id uuid primary key default uuidv7());
alter table visits add column should_not_exist text;
create index visits_should_not_exist_idx on visits (should_not_exist);
drop view current_assignments;
insert into skills (code, name, category) values ('broken-migration', 'Broken', 'OTHER');
select 1 / 0;
