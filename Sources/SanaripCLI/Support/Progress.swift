import Foundation

/// A progress line on standard error for long work: redrawn in place on a terminal, printed every tenth
/// otherwise (logs), silent for work too small to wait for.
struct Progress {
    let label: String
    let total: Int
    private var shownStep = -1
    private let enabled: Bool

    init(_ label: String, total: Int, minimum: Int = 50_000) {
        self.label = label
        self.total = total
        enabled = total >= minimum
    }

    mutating func update(_ done: Int) {
        guard enabled, total > 0 else { return }
        let step = Terminal.isInteractive ? done * 100 / total : done * 10 / total
        guard step != shownStep else { return }
        shownStep = step
        let percent = done * 100 / total
        if Terminal.isInteractive {
            FileHandle.standardError.write(Data("\r\(label): \(done) of \(total) (\(percent)%)".utf8))
        } else {
            Terminal.error("\(label): \(done) of \(total) (\(percent)%)")
        }
    }

    func finish() {
        guard enabled, Terminal.isInteractive else { return }
        FileHandle.standardError.write(Data("\r\(label): \(total) of \(total) (100%)\n".utf8))
    }
}
