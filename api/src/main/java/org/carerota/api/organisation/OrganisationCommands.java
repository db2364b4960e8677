package org.carerota.api.organisation;

import java.time.LocalDate;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/** Inputs and results of the organisation, area, pool, agreement and skill mutations. */
public final class OrganisationCommands {

    private OrganisationCommands() {}

    public record CreateSkillInput(String code, String name, String category) {}

    public record CreateAreaInput(String name, String kind, @Nullable UUID parent, @Nullable String code) {}

    public record CreatePoolInput(
            String name, String sector, @Nullable Double costPerHour, @Nullable Boolean servesAllCommissioners) {}

    public record UpdatePoolInput(
            UUID id,
            long expectedVersion,
            @Nullable String name,
            @Nullable Double costPerHour,
            @Nullable Boolean servesAllCommissioners) {}

    public record CreateSharingAgreementInput(
            UUID pool, UUID commissioner, LocalDate validFrom, @Nullable LocalDate validTo, @Nullable String note) {}

    public record UpdateOrganisationSettingsInput(
            long expectedVersion,
            @Nullable Boolean autoPublishSameDay,
            @Nullable Integer restBreakAfterMinutes,
            @Nullable Integer restBreakMinutes,
            @Nullable Double minimumHourlyWage) {}

    public record ArchiveAreaInput(UUID id, long expectedVersion) {}

    public record ArchivePoolInput(UUID id, long expectedVersion) {}

    public record ArchiveSkillInput(String code, long expectedVersion) {}

    public interface CreateSkillResult {}

    public interface CreateAreaResult {}

    public interface CreatePoolResult {}

    public interface UpdatePoolResult {}

    public interface CreateSharingAgreementResult {}

    public interface UpdateOrganisationSettingsResult {}

    public interface ArchiveAreaResult {}

    public interface ArchivePoolResult {}

    public interface ArchiveSkillResult {}

    /** A skill of the shared catalogue (GraphQL type Skill). */
    public record CatalogueSkill(String code, String name, String category, long version, boolean archived) {}

    public record SkillSaved(CatalogueSkill skill) implements CreateSkillResult, ArchiveSkillResult {}

    public record AreaSaved(Area area) implements CreateAreaResult, ArchiveAreaResult {}

    public record PoolSaved(Pool pool, long version) implements CreatePoolResult, UpdatePoolResult, ArchivePoolResult {}

    public record SharingAgreementSaved(UUID id, Pool pool) implements CreateSharingAgreementResult {}

    public record OrganisationSettingsSaved(
            Organisation organisation, long version, boolean autoPublishSameDay, OrganisationSettings settings)
            implements UpdateOrganisationSettingsResult {}

    public record OrganisationInputInvalid(String message, String field, String reason)
            implements CreateSkillResult,
                    CreateAreaResult,
                    CreatePoolResult,
                    UpdatePoolResult,
                    CreateSharingAgreementResult,
                    UpdateOrganisationSettingsResult,
                    ArchiveAreaResult,
                    ArchivePoolResult,
                    ArchiveSkillResult {
        static OrganisationInputInvalid of(String field, String reason) {
            return new OrganisationInputInvalid(field + ": " + reason, field, reason);
        }
    }

    public record StalePool(String message, long currentVersion) implements UpdatePoolResult, ArchivePoolResult {}

    public record StaleArea(String message, long currentVersion) implements ArchiveAreaResult {}

    public record StaleSkill(String message, long currentVersion) implements ArchiveSkillResult {}

    public record StaleOrganisation(String message, long currentVersion) implements UpdateOrganisationSettingsResult {}
}
