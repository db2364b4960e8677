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
            @Nullable Integer restBreakMinutes) {}

    public interface CreateSkillResult {}

    public interface CreateAreaResult {}

    public interface CreatePoolResult {}

    public interface UpdatePoolResult {}

    public interface CreateSharingAgreementResult {}

    public interface UpdateOrganisationSettingsResult {}

    /** A skill of the shared catalogue (GraphQL type Skill). */
    public record CatalogueSkill(String code, String name, String category) {}

    public record SkillSaved(CatalogueSkill skill) implements CreateSkillResult {}

    public record AreaSaved(Area area) implements CreateAreaResult {}

    public record PoolSaved(Pool pool, long version) implements CreatePoolResult, UpdatePoolResult {}

    public record SharingAgreementSaved(UUID id, Pool pool) implements CreateSharingAgreementResult {}

    public record OrganisationSettingsSaved(Organisation organisation, long version, boolean autoPublishSameDay)
            implements UpdateOrganisationSettingsResult {}

    public record OrganisationInputInvalid(String message, String field, String reason)
            implements CreateSkillResult,
                    CreateAreaResult,
                    CreatePoolResult,
                    UpdatePoolResult,
                    CreateSharingAgreementResult {
        static OrganisationInputInvalid of(String field, String reason) {
            return new OrganisationInputInvalid(field + ": " + reason, field, reason);
        }
    }

    public record StalePool(String message, long currentVersion) implements UpdatePoolResult {}

    public record StaleOrganisation(String message, long currentVersion) implements UpdateOrganisationSettingsResult {}
}
