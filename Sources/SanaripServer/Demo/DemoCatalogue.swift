import Foundation
import SanaripCatalogue
import SanaripStorage

/// Invented catalogue entries for the synthetic demo study, every one marked demo and named "DEMO …": a few of each
/// kind, placed in the frame's districts, so that the catalogue pages and the supply-versus-need view have something
/// to show. None describes a real course, service, act or programme.
enum DemoCatalogue {
    static let akSuu = "41702205000000", karakol = "41702410000000", tong = "41702220000000", alay = "41706207000000", karaSuu = "41706226000000"

    /// Rows per kind, in the template's columns.
    static let rows: [CatalogueKind: [[String: String]]] = [
        .providers: [
            ["id": "demo-lyceum", "name_ky": "DEMO Кесиптик лицей (мисал)", "name_ru": "DEMO Профессиональный лицей (пример)", "name_en": "DEMO Vocational lyceum (example)",
             "provider_type": "vocational_lyceum", "places": akSuu],
            ["id": "demo-platform", "name_ru": "DEMO Онлайн-платформа (пример)", "name_en": "DEMO Online platform (example)", "provider_type": "online_platform", "places": "online"],
        ],
        .courses: [
            ["id": "demo-basics-women", "name_ky": "DEMO Аялдар үчүн санариптик сабаттуулук", "name_ru": "DEMO Цифровая грамотность для женщин", "name_en": "DEMO Digital literacy for women",
             "description_ru": "Вымышленный курс для демонстрации: основы смартфона и интернета.", "description_ky": "Көрсөтүү үчүн ойдон чыгарылган курс: смартфондун жана интернеттин негиздери.",
             "provider": "demo-lyceum", "topics": "basic_use;smartphone;safety", "level": "beginner", "mode": "onsite", "languages": "ky;ru", "cost_som": "0",
             "free_places": "20", "duration_hours": "24", "pace": "scheduled", "schedule": "сб, вс", "target_groups": "women;rural", "places": "\(akSuu);\(karakol)", "certificate": "yes"],
            ["id": "demo-online-selling", "name_ky": "DEMO Интернетте сатуу", "name_ru": "DEMO Онлайн-продажи для предпринимателей", "name_en": "DEMO Selling online for entrepreneurs",
             "provider": "demo-platform", "topics": "online_selling;smm;entrepreneurship", "level": "intermediate", "mode": "online", "languages": "ru", "cost_som": "1500",
             "duration_hours": "12", "pace": "self_paced", "target_groups": "entrepreneurs;women;youth", "places": "online"],
            ["id": "demo-egov-alay", "name_ky": "DEMO Электрондук мамлекеттик кызматтарды колдонуу", "name_ru": "DEMO Как пользоваться электронными госуслугами", "name_en": "DEMO Using e-government services",
             "topics": "egov;dsi_problem_solving", "level": "beginner", "mode": "blended", "languages": "ky", "cost_som": "0", "target_groups": "all", "places": "\(alay);online"],
            ["id": "demo-coding-youth", "name_ru": "DEMO Программирование для молодёжи", "name_en": "DEMO Coding for youth", "topics": "coding", "level": "beginner", "mode": "onsite",
             "languages": "ru", "cost_som": "4000", "target_groups": "youth", "places": karaSuu],
        ],
        .eservices: [
            ["id": "demo-tax-declaration", "name_ru": "DEMO Подача налоговой декларации", "name_ky": "DEMO Салык декларациясын тапшыруу", "name_en": "DEMO Filing a tax declaration",
             "agency": "DEMO агентство", "channels": "portal;mobile_app", "tunduk": "yes", "online_level": "full_transaction", "survey_items": "tax"],
            ["id": "demo-school-enrolment", "name_ru": "DEMO Запись в школу", "name_en": "DEMO School enrolment", "agency": "DEMO агентство", "channels": "portal;service_centre",
             "tunduk": "yes", "online_level": "form_download", "survey_items": "school_enrolment"],
        ],
        .laws: [
            ["id": "demo-law-1", "name_ru": "DEMO Закон о цифровых услугах (вымышленный)", "name_en": "DEMO Law on digital services (invented)", "act_type": "law", "number": "DEMO-1",
             "adopted": "2020-01-15", "issuing_body": "DEMO", "status": "amended", "topics": "e_government;internet"],
            ["id": "demo-law-2", "name_ru": "DEMO О внесении изменений в Закон о цифровых услугах", "name_en": "DEMO Amendment to the Law on digital services", "act_type": "law",
             "number": "DEMO-2", "adopted": "2023-06-01", "issuing_body": "DEMO", "status": "in_force", "topics": "e_government", "amends": "demo-law-1"],
        ],
        .initiatives: [
            ["id": "demo-women-incubator", "name_ru": "DEMO Инкубатор для женщин-предпринимателей", "name_en": "DEMO Incubator for women entrepreneurs", "actor_type": "incubator",
             "organisation": "DEMO", "target_groups": "women;entrepreneurs", "places": "\(karakol);\(tong)", "start_date": "2025-01-01", "status": "active"],
        ],
    ]

    /// Stores the demo entries (checked like an import) in the study.
    static func seed(_ service: CatalogueService, studyID: String, by actor: String) async throws -> Int {
        var entries: [CatalogueEntry] = []
        for kind in CatalogueKind.allCases {
            for cells in rows[kind] ?? [] {
                let checked = kind.schema.entry(cells: cells, row: nil, demo: true)
                guard let entry = checked.entry else { throw CatalogueImportError(file: "demo \(kind.rawValue)", problems: checked.problems) }
                entries.append(entry)
            }
        }
        try await service.save(entries, studyID: studyID, by: actor)
        return entries.count
    }

    /// Invented events and targets of the demo's monitoring page, each marked DEMO.
    static let events = """
        date,title_ky,title_ru,title_en,event_type,source_url
        2019-01-01,DEMO Түндүккө жаңы мекемелер кошулду,DEMO К Тундуку подключены новые ведомства,DEMO New agencies join Tunduk,infrastructure,
        2023-06-01,DEMO demo-law-2 мыйзамы кабыл алынды,DEMO Принят закон demo-law-2,DEMO Law demo-law-2 adopted,law,
        """
    static let targets = """
        indicator,series,area_code,year,target,unit,source
        internet_use,internet_use,KG,2030,90,PT,DEMO target (invented)
        audit_index,audit_index,KG,2030,60,0–100,DEMO target (invented)
        """

    /// Stores the official SDG series (real, with its source) and the invented events and targets above.
    static func seedMonitoring(_ service: CatalogueService, studyID: String, official: URL, by actor: String) async throws -> Int {
        var count = try await service.importSeries(try Data(contentsOf: official), fileName: official.lastPathComponent, name: official.lastPathComponent, studyID: studyID, by: actor)
        count += try await service.importSeries(Data(targets.utf8), fileName: "demo-targets.csv", name: "demo-targets.csv", studyID: studyID, by: actor)
        return count + (try await service.importEvents(Data(events.utf8), fileName: "demo-events.csv", studyID: studyID, by: actor))
    }
}
