package org.carerota.api.organisation;

import java.util.List;
import java.util.Set;

import org.carerota.api.organisation.OrganisationCommands.ArchiveAreaInput;
import org.carerota.api.organisation.OrganisationCommands.ArchivePoolInput;
import org.carerota.api.organisation.OrganisationCommands.ArchiveSkillInput;
import org.carerota.api.organisation.OrganisationCommands.AreaSaved;
import org.carerota.api.organisation.OrganisationCommands.CatalogueSkill;
import org.carerota.api.organisation.OrganisationCommands.CreateAreaInput;
import org.carerota.api.organisation.OrganisationCommands.CreatePoolInput;
import org.carerota.api.organisation.OrganisationCommands.CreateSharingAgreementInput;
import org.carerota.api.organisation.OrganisationCommands.CreateSkillInput;
import org.carerota.api.organisation.OrganisationCommands.OrganisationInputInvalid;
import org.carerota.api.organisation.OrganisationCommands.OrganisationSettingsSaved;
import org.carerota.api.organisation.OrganisationCommands.PoolSaved;
import org.carerota.api.organisation.OrganisationCommands.SharingAgreementSaved;
import org.carerota.api.organisation.OrganisationCommands.SkillSaved;
import org.carerota.api.organisation.OrganisationCommands.StaleArea;
import org.carerota.api.organisation.OrganisationCommands.StaleOrganisation;
import org.carerota.api.organisation.OrganisationCommands.StalePool;
import org.carerota.api.organisation.OrganisationCommands.StaleSkill;
import org.carerota.api.organisation.OrganisationCommands.UpdateOrganisationSettingsInput;
import org.carerota.api.organisation.OrganisationCommands.UpdatePoolInput;
import org.carerota.api.shared.database.Transactions;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

import reactor.core.publisher.Mono;

/** Skills, areas, pools, sharing agreements and organisation settings, with optimistic locking on updates. */
@Service
public class OrganisationCommandService {

    /** skills_category_check. */
    static final Set<String> CATEGORIES = Set.of(
            "PERSONAL_CARE",
            "MEDICATION",
            "MOVING_AND_HANDLING",
            "DELEGATED_CLINICAL_TASK",
            "DEMENTIA",
            "END_OF_LIFE",
            "REABLEMENT",
            "NURSING",
            "DOMESTIC",
            "COMPANIONSHIP",
            "OTHER");

    private final Transactions transactions;
    private final OrganisationCommandRepository repository;
    private final OrganisationRepository reads;

    OrganisationCommandService(
            Transactions transactions, OrganisationCommandRepository repository, OrganisationRepository reads) {
        this.transactions = transactions;
        this.repository = repository;
        this.reads = reads;
    }

    public Mono<OrganisationCommands.CreateSkillResult> createSkill(CreateSkillInput in) {
        if (!in.code().matches("[^\\s]{1,64}")) {
            return Mono.just(OrganisationInputInvalid.of("code", "1 to 64 characters without spaces"));
        }
        if (in.name().isBlank() || in.name().length() > 200) {
            return Mono.just(OrganisationInputInvalid.of("name", "must be 1 to 200 characters"));
        }
        if (!CATEGORIES.contains(in.category())) {
            return Mono.just(OrganisationInputInvalid.of("category", "must be one of " + CATEGORIES));
        }
        return transactions.write(db -> repository
                .skillCodeTaken(db, in.code())
                .flatMap(taken -> taken
                        ? Mono.just((OrganisationCommands.CreateSkillResult)
                                OrganisationInputInvalid.of("code", "a skill with this code exists"))
                        : repository
                                .insertSkill(db, in.code(), in.name().trim(), in.category())
                                .thenReturn(new SkillSaved(
                                        new CatalogueSkill(in.code(), in.name().trim(), in.category(), 0, false)))));
    }

    public Mono<OrganisationCommands.CreateAreaResult> createArea(CreateAreaInput in) {
        if (in.name().isBlank() || in.name().length() > 200) {
            return Mono.just(OrganisationInputInvalid.of("name", "must be 1 to 200 characters"));
        }
        if (in.kind().equals("NEIGHBOURHOOD") && in.parent() == null) {
            return Mono.just(OrganisationInputInvalid.of("parent", "a neighbourhood needs a parent area"));
        }
        if (in.code() != null && in.code().length() > 64) {
            return Mono.just(OrganisationInputInvalid.of("code", "at most 64 characters"));
        }
        return transactions.write(db -> (in.parent() == null
                        ? Mono.just(true)
                        : repository.exists(
                                db, "select 1 from areas where id = :id and archived_at is null", in.parent()))
                .flatMap(parent -> !parent
                        ? Mono.just((OrganisationCommands.CreateAreaResult)
                                OrganisationInputInvalid.of("parent", "no such area (or it is archived)"))
                        : repository
                                .insertArea(db, in)
                                .flatMap(id -> reads.areas(db, List.of(id)).next())
                                .map(AreaSaved::new)));
    }

    public Mono<OrganisationCommands.CreatePoolResult> createPool(CreatePoolInput in) {
        if (in.name().isBlank() || in.name().length() > 200) {
            return Mono.just(OrganisationInputInvalid.of("name", "must be 1 to 200 characters"));
        }
        if (in.costPerHour() != null && (in.costPerHour() < 0 || in.costPerHour() > 10_000)) {
            return Mono.just(OrganisationInputInvalid.of("costPerHour", "must be between 0 and 10000"));
        }
        return transactions.write(db -> repository
                .insertPool(db, in)
                .flatMap(id -> reads.pools(db, List.of(id)).next())
                .map(pool -> (OrganisationCommands.CreatePoolResult) new PoolSaved(pool, 0)));
    }

    public Mono<OrganisationCommands.UpdatePoolResult> updatePool(UpdatePoolInput in) {
        if (in.name() != null && (in.name().isBlank() || in.name().length() > 200)) {
            return Mono.just(OrganisationInputInvalid.of("name", "must be 1 to 200 characters"));
        }
        if (in.costPerHour() != null && (in.costPerHour() < 0 || in.costPerHour() > 10_000)) {
            return Mono.just(OrganisationInputInvalid.of("costPerHour", "must be between 0 and 10000"));
        }
        return transactions.write(db -> repository
                .poolVersion(db, in.id())
                .flatMap(version -> version != in.expectedVersion()
                        ? Mono.just((OrganisationCommands.UpdatePoolResult) new StalePool(
                                "The pool was changed by someone else (now version " + version + ")", version))
                        : repository
                                .updatePool(db, in)
                                .then(reads.pools(db, List.of(in.id())).next())
                                .map(pool -> (OrganisationCommands.UpdatePoolResult) new PoolSaved(pool, version + 1)))
                .defaultIfEmpty(OrganisationInputInvalid.of("id", "not a pool of your organisation")));
    }

    public Mono<OrganisationCommands.CreateSharingAgreementResult> createSharingAgreement(
            CreateSharingAgreementInput in) {
        if (in.validTo() != null && in.validTo().isBefore(in.validFrom())) {
            return Mono.just(OrganisationInputInvalid.of("validTo", "must not be before validFrom"));
        }
        if (in.note() != null && in.note().length() > 1000) {
            return Mono.just(OrganisationInputInvalid.of("note", "at most 1000 characters"));
        }
        return transactions.write(db -> repository
                .exists(
                        db,
                        "select 1 from staff_pools where id = :id and archived_at is null and organisation_id ="
                                + " nullif(current_setting('carerota.organisation_id', true), '')::uuid",
                        in.pool())
                .flatMap(pool -> !pool
                        ? Mono.just((OrganisationCommands.CreateSharingAgreementResult) OrganisationInputInvalid.of(
                                "pool", "not a pool of your organisation (or it is archived)"))
                        : repository
                                .exists(db, "select 1 from organisations where id = :id", in.commissioner())
                                .flatMap(known -> !known
                                        ? Mono.just((OrganisationCommands.CreateSharingAgreementResult)
                                                OrganisationInputInvalid.of("commissioner", "no such organisation"))
                                        : repository
                                                .insertAgreement(db, in)
                                                .zipWhen(id -> reads.pools(db, List.of(in.pool()))
                                                        .next())
                                                .map(t -> new SharingAgreementSaved(t.getT1(), t.getT2())))));
    }

    public Mono<OrganisationCommands.UpdateOrganisationSettingsResult> updateOrganisationSettings(
            UpdateOrganisationSettingsInput in) {
        OrganisationInputInvalid invalid = invalidSettings(in);
        if (invalid != null) {
            return Mono.just(invalid);
        }
        return transactions.write(db -> repository.organisationVersion(db).flatMap(version -> {
            if (version != in.expectedVersion()) {
                return Mono.just((OrganisationCommands.UpdateOrganisationSettingsResult) new StaleOrganisation(
                        "The settings were changed by someone else (now version " + version + ")", version));
            }
            return repository.updateSettings(db, in).flatMap(settings -> reads.organisations(
                            db, List.of(settings.organisationId()))
                    .next()
                    .map(org -> new OrganisationSettingsSaved(
                            org, settings.version(), settings.autoPublishSameDay(), settings)));
        }));
    }

    static @Nullable OrganisationInputInvalid invalidSettings(UpdateOrganisationSettingsInput in) {
        Double wage = in.minimumHourlyWage();
        if (wage != null) {
            if (!Double.isFinite(wage) || wage < 0 || wage > 1000) {
                return OrganisationInputInvalid.of("minimumHourlyWage", "must be between 0 and 1000 pounds an hour");
            }
            if (Math.abs(wage * 100 - Math.rint(wage * 100)) > 1e-6) {
                return OrganisationInputInvalid.of("minimumHourlyWage", "must be whole pence (for example 12.71)");
            }
        }
        if (in.restBreakAfterMinutes() != null
                && (in.restBreakAfterMinutes() < 1 || in.restBreakAfterMinutes() > 1440)) {
            return OrganisationInputInvalid.of("restBreakAfterMinutes", "must be between 1 and 1440");
        }
        if (in.restBreakMinutes() != null && (in.restBreakMinutes() < 0 || in.restBreakMinutes() > 240)) {
            return OrganisationInputInvalid.of("restBreakMinutes", "must be between 0 and 240");
        }
        return null;
    }

    // ---- archiving ------------------------------------------------------------------------------

    public Mono<OrganisationCommands.ArchiveAreaResult> archiveArea(ArchiveAreaInput in) {
        return transactions.write(db -> repository
                .areaVersion(db, in.id())
                .flatMap(version -> version != in.expectedVersion()
                        ? Mono.just((OrganisationCommands.ArchiveAreaResult) new StaleArea(
                                "The area was changed by someone else (now version " + version + ")", version))
                        : repository
                                .archiveArea(db, in.id())
                                .then(reads.areas(db, List.of(in.id())).next())
                                .map(area -> (OrganisationCommands.ArchiveAreaResult) new AreaSaved(area)))
                .defaultIfEmpty(OrganisationInputInvalid.of("id", "not an area of your organisation")));
    }

    public Mono<OrganisationCommands.ArchivePoolResult> archivePool(ArchivePoolInput in) {
        return transactions.write(db -> repository
                .poolVersion(db, in.id())
                .flatMap(version -> version != in.expectedVersion()
                        ? Mono.just((OrganisationCommands.ArchivePoolResult) new StalePool(
                                "The pool was changed by someone else (now version " + version + ")", version))
                        : repository
                                .activeCarersInPool(db, in.id())
                                .flatMap(carers -> carers > 0
                                        ? Mono.just(
                                                (OrganisationCommands.ArchivePoolResult)
                                                        OrganisationInputInvalid.of(
                                                                "id",
                                                                "the pool still has " + carers
                                                                        + " carer(s): move them to another pool or archive them first"))
                                        : repository
                                                .archivePool(db, in.id())
                                                .then(reads.pools(db, List.of(in.id()))
                                                        .next())
                                                .map(pool -> (OrganisationCommands.ArchivePoolResult)
                                                        new PoolSaved(pool, pool.version()))))
                .defaultIfEmpty(OrganisationInputInvalid.of("id", "not a pool of your organisation")));
    }

    public Mono<OrganisationCommands.ArchiveSkillResult> archiveSkill(ArchiveSkillInput in) {
        return transactions.write(db -> repository
                .skillVersion(db, in.code())
                .flatMap(version -> version != in.expectedVersion()
                        ? Mono.just((OrganisationCommands.ArchiveSkillResult) new StaleSkill(
                                "The skill was changed by someone else (now version " + version + ")", version))
                        : repository
                                .archiveSkill(db, in.code())
                                .then(reads.skillsByCode(db, List.of(in.code())).next())
                                .map(skill -> (OrganisationCommands.ArchiveSkillResult) new SkillSaved(skill)))
                .defaultIfEmpty(OrganisationInputInvalid.of("code", "no skill with this code")));
    }
}
