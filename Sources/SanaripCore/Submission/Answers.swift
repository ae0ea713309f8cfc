/// The answers of one submission, or of one repeat instance inside it, keyed by field name.
///
/// Groups that do not repeat add no level: their fields sit with their parent's. A repeat group
/// holds an ordered list of instances, each an `Answers` of its own.
public struct Answers: Sendable, Hashable {
    /// Answers of the fields at this level.
    public var values: [String: AnswerValue]
    /// Instances of the repeat groups at this level, by group name, in order.
    public var repeats: [String: [Answers]]

    public init(_ values: [String: AnswerValue] = [:], repeats: [String: [Answers]] = [:]) {
        self.values = values
        self.repeats = repeats
    }

    /// The answer of a field at this level.
    public subscript(name: String) -> AnswerValue? {
        get { values[name] }
        set { values[name] = newValue }
    }

    /// The instances of a repeat group at this level; empty when it has none.
    public func instances(of group: String) -> [Answers] {
        repeats[group] ?? []
    }

    /// This level, then the instance each position selects: the scope chain from the root down.
    /// Stops early at a position that names no instance.
    public func levels(along scope: [RepeatPosition]) -> [Answers] {
        var chain = [self]
        var level = self
        for step in scope {
            let instances = level.instances(of: step.group)
            guard step.position >= 1, step.position <= instances.count else { break }
            level = instances[step.position - 1]
            chain.append(level)
        }
        return chain
    }

    /// What `${name}` stands for when evaluating inside `scope`, as ODK resolves it: the answer
    /// in the nearest enclosing level that has it; a field of a repeat below that level gives one
    /// answer per instance; a repeat group gives one empty answer per instance. Nil when no level
    /// has the name.
    public func values(of name: String, at scope: [RepeatPosition]) -> [AnswerValue]? {
        let chain = levels(along: scope)
        for depth in stride(from: chain.count - 1, through: 0, by: -1) {
            let level = chain[depth]
            if let value = level.values[name] { return [value] }
            if let instances = level.repeats[name] { return instances.map { _ in .empty } }
            if depth < chain.count - 1, let siblings = level.repeats[scope[depth].group],
                siblings.contains(where: { $0.holds(name) })
            {
                // A field of the instance we came from that it lacks: blank there, or in a repeat it has none of.
                return siblings.contains { $0.values[name] != nil } ? [.empty] : []
            }
            var found: [AnswerValue] = []
            if level.collect(name, below: true, into: &found) { return found }
        }
        return nil
    }

    /// The answers of `name` in the instances `path` selects, starting from the nearest level of
    /// `scope` that holds the first repeat group (`indexed-repeat`). Positions below 1 count as 1.
    public func indexedValues(of name: String, along path: [RepeatPosition], from scope: [RepeatPosition] = []) -> [AnswerValue] {
        guard let first = path.first else { return values(of: name, at: scope) ?? [] }
        let chain = levels(along: scope)
        guard var level = chain.last(where: { $0.repeats[first.group] != nil }) ?? findLevel(holdingRepeat: first.group)
        else { return [] }
        for step in path {
            guard let instances = level.repeats[step.group] ?? level.findLevel(holdingRepeat: step.group)?.repeats[step.group]
            else { return [] }
            let position = max(step.position, 1)
            guard position <= instances.count else { return [] }
            level = instances[position - 1]
        }
        if let value = level.values[name] { return [value] }
        var found: [AnswerValue] = []
        _ = level.collect(name, below: true, into: &found)
        return found
    }

    func holds(_ name: String) -> Bool {
        if values[name] != nil || repeats[name] != nil { return true }
        return repeats.values.contains { $0.contains { $0.holds(name) } }
    }

    /// Appends every answer of `name` in the repeats below this level, in instance order;
    /// true when some level declared the name.
    func collect(_ name: String, below: Bool, into found: inout [AnswerValue]) -> Bool {
        var seen = false
        if !below, let value = values[name] {
            found.append(value)
            return true
        }
        if !below, let instances = repeats[name] {
            found += instances.map { _ in .empty }
            return true
        }
        for group in repeats.keys.sorted() {
            for instance in repeats[group] ?? [] where instance.collect(name, below: false, into: &found) {
                seen = true
            }
        }
        return seen
    }

    func findLevel(holdingRepeat group: String) -> Answers? {
        if repeats[group] != nil { return self }
        for key in repeats.keys.sorted() {
            for instance in repeats[key] ?? [] {
                if let level = instance.findLevel(holdingRepeat: group) { return level }
            }
        }
        return nil
    }
}
