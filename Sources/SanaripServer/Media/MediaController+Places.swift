import Foundation
import Hummingbird
import SanaripAnalysis
import SanaripMedia
import SanaripQualitative
import SanaripReports
import SanaripStorage

extension MediaController {
    func addPlaceRoutes(to router: Router<SanaripRequestContext>) {
        router.get("/studies/{study}/media/places", use: places)
        router.get("/studies/{study}/media/places.csv", use: placesCSV)
        router.get("/studies/{study}/media/places.xlsx", use: placesXLSX)
        router.get("/studies/{study}/media/places.json", use: placesJSON)
    }

    /// The study's places: the frame (`data/frames`) and the study's instrument choice lists; 404 naming the file
    /// when they are not beside the instruments.
    func gazetteer(study: String) -> @Sendable () throws -> PlaceGazetteer {
        let frame = files.frameFolder
        let choices = files.auditFolder.deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent(study).appendingPathComponent("choices.csv")
        return {
            do { return try PlaceGazetteer.frame(folder: frame, choices: choices) } catch {
                throw HTTPError(.notFound, message: "the places of the frame cannot be read: \(error)")
            }
        }
    }

    /// The place mentions asked for by the query (`level`, `by`, `group`; `copies=all` counts every syndicated copy).
    func placeView(_ request: Request, context: SanaripRequestContext, level: PlaceGazetteer.Level? = nil) async throws -> MediaViews.Places {
        let query = request.uri.queryParameters
        let study = try context.parameters.require("study")
        return try await views.places(
            study: study, level: level ?? query.get("level").flatMap(PlaceGazetteer.Level.init(rawValue:)) ?? .oblast,
            period: query.get("by").flatMap(FramePeriod.init(rawValue:)) ?? .month,
            grouping: query.get("group").flatMap(FrameAnalysis.Grouping.init(rawValue:)) ?? .none, gazetteer: gazetteer(study: study),
            countCopies: query.get("copies") == "all", stores: stores)
    }

    @Sendable func places(_ request: Request, context: SanaripRequestContext) async throws -> Response {
        let view = try await placeView(request, context: context)
        let mentions = view.mentions, analysis = mentions.analysis
        let language = context.language.rawValue
        let report = PlaceReport(mentions: mentions, articles: view.articles, language: language)
        let ranked = report.ranked, totals = mentions.totals
        let base = "/studies/\(try context.parameters.require("study"))/media"
        let query = "level=\(mentions.level.rawValue)&by=\(analysis.period.rawValue)&group=\(analysis.grouping.rawValue)"
        let columns = Array(ranked.prefix(10))
        func place(_ frame: Int) -> PlaceGazetteer.Place { mentions.gazetteer.places[mentions.places[frame]] }
        func share(_ count: Int, of all: Int) -> String { LocalizedNumber.text(all == 0 ? 0 : Double(count) / Double(all) * 100, digits: 1, language: language) }
        return try pages.render("media-places", [
            "base": base, "query": query, "articleCount": context.language.format(analysis.articleCount), "undated": analysis.undated,
            "levels": PlaceGazetteer.Level.allCases.map { ["value": $0.rawValue, "label": pages.string("mediaframes.level.\($0.rawValue)", context), "selected": $0 == mentions.level] },
            "periods": FramePeriod.allCases.map { ["value": $0.rawValue, "label": pages.string("media.period.\($0.rawValue)", context), "selected": $0 == analysis.period] },
            "groupings": FrameAnalysis.Grouping.allCases.map { ["value": $0.rawValue, "label": pages.string("media.group.\($0.rawValue)", context), "selected": $0 == analysis.grouping] },
            "map": try await placeMap(request, context: context),
            "charts": report.charts().map { ["svg": $0] },
            "hasPlaces": !ranked.isEmpty,
            "totals": ranked.map { frame -> [String: Any] in
                ["code": place(frame).code, "name": place(frame).name(language), "kind": pages.string("mediaframes.kind.\(place(frame).kind.rawValue.replacingOccurrences(of: " ", with: ""))", context),
                 "articles": totals[frame], "share": share(totals[frame], of: analysis.articleCount),
                 "forms": analysis.topTerms[frame].prefix(6).map { "\($0.term) × \($0.occurrences)" }.joined(separator: ", "),
                 "examples": analysis.examples[frame].prefix(3).map { example -> [String: Any] in
                     let article = view.articles[example.article]
                     return ["id": article.id ?? 0, "title": article.title, "source": article.source, "snippet": example.snippet,
                             "date": article.published.map { FramePeriod.day.label($0) } ?? ""]
                 }]
            },
            "columns": columns.map { ["name": place($0).name(language)] },
            "rows": analysis.rows.map { row -> [String: Any] in
                ["period": row.period, "group": row.group, "articles": row.articles,
                 "cells": columns.map { ["count": row.frames[$0], "share": share(row.frames[$0], of: row.articles)] }]
            },
            "ambiguous": mentions.gazetteer.ambiguous.map { ["form": $0.form] }, "hasAmbiguous": !mentions.gazetteer.ambiguous.isEmpty,
        ], request: request, context: context)
    }

    /// The map of districts coloured by the articles mentioning each (a mention of a municipality counts for its
    /// district); "" without the outlines.
    func placeMap(_ request: Request, context: SanaripRequestContext) async throws -> String {
        guard let boundaries = files.districts() else { return "" }
        let view = try await placeView(request, context: context, level: .district)
        let mentions = view.mentions, totals = mentions.totals, language = context.language.rawValue
        var values: [String: DistrictMap.Value] = [:]
        for (frame, index) in mentions.places.enumerated() where totals[frame] > 0 {
            let share = LocalizedNumber.text(Double(totals[frame]) / Double(max(1, mentions.analysis.articleCount)) * 100, digits: 1, language: language)
            values[mentions.gazetteer.places[index].code] = DistrictMap.Value(Double(totals[frame]), detail: "(\(share)%)")
        }
        return DistrictMap(title: pages.string("mediaframes.map", context), boundaries: boundaries, values: values, percent: false, digits: 0,
                           missingLabel: pages.string("mediaframes.notMentioned", context), pointLabel: pages.string("geo.city", context), language: language).svg
    }

    private func placesDownload(_ request: Request, context: SanaripRequestContext, format: String) async throws -> Response {
        let view = try await placeView(request, context: context)
        let report = PlaceReport(mentions: view.mentions, articles: view.articles, language: context.language.rawValue)
        try await stores.auditLog.record(AuditEntry(user: context.identity?.username ?? "", action: "media.export", objectType: "media_places",
                                                    objectID: try context.parameters.require("study"), detail: ["format": format, "level": view.mentions.level.rawValue]))
        let name = "places-\(view.mentions.level.rawValue)-\(view.mentions.analysis.period.rawValue).\(format)"
        let file: (data: Data, type: String)
        switch format {
        case "csv": file = (Data(report.csv().utf8), "text/csv; charset=utf-8")
        case "xlsx": file = (try report.xlsx(), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        default: file = (try report.json(), "application/json")
        }
        let data = file.data
        return Response(status: .ok, headers: [.contentType: file.type, .cacheControl: "no-store", .contentDisposition: "attachment; filename=\"\(name)\""],
                        body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }

    @Sendable func placesCSV(_ request: Request, context: SanaripRequestContext) async throws -> Response {
        try await placesDownload(request, context: context, format: "csv")
    }

    @Sendable func placesXLSX(_ request: Request, context: SanaripRequestContext) async throws -> Response {
        try await placesDownload(request, context: context, format: "xlsx")
    }

    @Sendable func placesJSON(_ request: Request, context: SanaripRequestContext) async throws -> Response {
        try await placesDownload(request, context: context, format: "json")
    }
}
