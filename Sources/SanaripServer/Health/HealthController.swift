import Hummingbird
import SanaripStorage

/// `GET /health`: `{"status":"ok"}` when the database answers, 503 with `{"status":"unavailable"}` when not.
struct HealthController<Context: RequestContext>: Sendable {
    let health: any StorageHealthCheck

    struct Status: ResponseEncodable {
        var status: String
    }

    func addRoutes(to router: Router<Context>) {
        router.get("/health", use: check)
    }

    @Sendable func check(_ request: Request, context: Context) async throws -> EditedResponse<Status> {
        do {
            try await health.checkHealth()
            return EditedResponse(headers: [.cacheControl: "no-store"], response: Status(status: "ok"))
        } catch {
            context.logger.error("health check failed: \(error)")
            return EditedResponse(status: .serviceUnavailable, headers: [.cacheControl: "no-store"], response: Status(status: "unavailable"))
        }
    }
}
