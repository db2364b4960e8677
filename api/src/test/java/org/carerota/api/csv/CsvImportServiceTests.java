package org.carerota.api.csv;

import static org.assertj.core.api.Assertions.assertThat;

import org.carerota.api.csv.CsvImportReport.RowError;
import org.junit.jupiter.api.Test;

/**
 * The checks that need no database (the file's shape and every cell), through the column-spec
 * tables: which problems, on which row and column, in which order. A file with any problem never
 * reaches the services, so none is given.
 */
class CsvImportServiceTests {

    private final CsvImportService service = new CsvImportService(null, null, null);

    @Test
    void shouldNameEveryMissingRequiredColumnAndEveryUnknownOneWhenTheHeaderIsWrong() {
        CsvImportReport report = service.importCarers("external_ref,name,colour\nC-1,Amal,blue\n")
                .block();
        assertThat(report.imported()).isZero();
        assertThat(report.errors())
                .extracting(RowError::row, RowError::column, RowError::reason)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(
                                0, "pool", "required column missing (see GET /csv/templates/carers.csv)"),
                        org.assertj.core.groups.Tuple.tuple(
                                0, "home_lat", "required column missing (see GET /csv/templates/carers.csv)"),
                        org.assertj.core.groups.Tuple.tuple(
                                0, "home_lon", "required column missing (see GET /csv/templates/carers.csv)"),
                        org.assertj.core.groups.Tuple.tuple(0, "colour", "unknown column"));
    }

    @Test
    void shouldListARowsProblemsInColumnOrderWithARepeatedReferenceRightAfterItWhenImportingServiceUsers() {
        String csv = "name,area,lat,lon,external_ref,preferred_carers,banned_carers\n"
                + "Edith,Norwich,52.6,1.29,P-1,,\n"
                + "Ivy,,95,1.29,P-1,C-1,C-1\n";
        CsvImportReport report = service.importServiceUsers(csv).block();
        assertThat(report.rows()).isEqualTo(2);
        assertThat(report.errors())
                .extracting(RowError::row, RowError::column, RowError::value, RowError::reason)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(2, "external_ref", "P-1", "appears twice in the file"),
                        org.assertj.core.groups.Tuple.tuple(2, "area", "", "required"),
                        org.assertj.core.groups.Tuple.tuple(2, "lat", "95", "must be a number from -90.0 to 90.0"),
                        org.assertj.core.groups.Tuple.tuple(
                                2, "banned_carers", "C-1", "a carer cannot be both preferred and banned"));
    }

    @Test
    void shouldReportARepeatedCarerReferenceAndABadCellOfTheSameRowWhenImportingCarers() {
        String csv = "external_ref,name,pool,home_lat,home_lon,gender,skills\n"
                + "C-1,Amal,Broadland,52.6,1.29,F,personal-care\n"
                + "C-1,Ben,Broadland,52.6,1.29,Q,\"hoist;hoist\"\n";
        CsvImportReport report = service.importCarers(csv).block();
        assertThat(report.errors())
                .extracting(RowError::row, RowError::column, RowError::value, RowError::reason)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(2, "external_ref", "C-1", "appears twice in the file"),
                        org.assertj.core.groups.Tuple.tuple(
                                2, "gender", "Q", "must be one of " + java.util.Set.of("F", "M", "X")),
                        org.assertj.core.groups.Tuple.tuple(2, "skills", "hoist", "skill listed twice"));
    }

    @Test
    void shouldCheckDaysTimesAndWholeNumbersWhenImportingCarePackages() {
        String csv = "service_user,commissioner,starts_on,days,window_start,window_end,duration_minutes,every_weeks\n"
                + "P-1,Norfolk County Council,2026-11-23,Mon;Funday,7:30,25:00,30.5,2\n"
                + "P-2,Norfolk County Council,23/11/2026,daily,07:30,09:30,45,\n";
        CsvImportReport report = service.importCarePackages(csv, null, null).block();
        assertThat(report.errors())
                .extracting(RowError::row, RowError::column, RowError::value, RowError::reason)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(
                                1,
                                "days",
                                "funday",
                                "days are Mon..Sun or 1 (Monday)..7, separated by ';', or daily, weekdays, weekends"),
                        org.assertj.core.groups.Tuple.tuple(1, "window_end", "25:00", "must be a time like 08:30"),
                        org.assertj.core.groups.Tuple.tuple(1, "duration_minutes", "30.5", "whole minutes"),
                        org.assertj.core.groups.Tuple.tuple(
                                2, "starts_on", "23/11/2026", "must be a date like 2026-11-23"));
    }

    @Test
    void shouldAnswerOnlyTheBadParameterWhenExpandToIsNotADate() {
        CsvImportReport report = service.importCarePackages(
                        "service_user,commissioner,starts_on,days,window_start,window_end,duration_minutes\n"
                                + "P-1,Norfolk County Council,2026-11-23,Funday,07:30,09:30,45\n",
                        null,
                        "soon")
                .block();
        assertThat(report.errors())
                .containsExactly(new RowError(0, "expandTo", "soon", "must be a date like 2026-11-23"));
    }

    @Test
    void shouldWriteEachTemplatesHeaderFromItsTable() {
        assertThat(CsvImportService.TEMPLATES.get("carers"))
                .startsWith(String.join(",", CsvImportService.CARER_COLUMNS) + "\r\n");
        assertThat(CsvImportService.CARE_PACKAGE_COLUMNS)
                .containsExactly(
                        "package_ref",
                        "service_user",
                        "commissioner",
                        "starts_on",
                        "ends_on",
                        "label",
                        "days",
                        "every_weeks",
                        "window_start",
                        "window_end",
                        "preferred_start",
                        "duration_minutes",
                        "carers_required",
                        "priority",
                        "skills");
    }
}
