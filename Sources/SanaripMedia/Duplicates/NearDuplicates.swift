import SanaripCore

/// Near-duplicate articles (syndicated copies across outlets, lightly edited reprints) grouped so attention is not
/// counted twice. A text is normalised (lowercased words of letters and digits) and cut into overlapping word
/// shingles; MinHash signatures (``hashes`` per text) are banded for locality-sensitive hashing, and the candidate
/// pairs that share a band are confirmed by their exact Jaccard similarity of shingle sets. Articles whose
/// similarity is at least ``threshold`` are linked, and linked articles form a group (single linkage).
public struct NearDuplicates: Sendable, Hashable {
    /// The Jaccard similarity from which two texts are copies of each other.
    public var threshold: Double
    /// Words per shingle.
    public var shingleSize: Int
    /// Bands × rows = the signature's length; 32 × 4 finds a pair at Jaccard 0.8 with probability 1 − 5·10⁻⁸.
    public var bands = 32
    public var rows = 4
    public var hashes: Int { bands * rows }
    /// Texts with fewer words than this are never grouped (a headline alone is not evidence of a copy).
    public var minimumWords = 12

    public init(threshold: Double = 0.8, shingleSize: Int = 5) {
        self.threshold = threshold
        self.shingleSize = shingleSize
    }

    /// For each text, the index of the first text of its group (its own index when it has no copy).
    public func groups(_ texts: [String]) -> [Int] {
        let count = texts.count
        let width = hashes
        var signatures = [UInt64](repeating: .max, count: count * width)
        // One hash function per slot: h ↦ a·h + b (mod 2⁶⁴, a odd) over the shingle's mixed hash.
        let multipliers = (0..<width).map { Self.mix(UInt64($0) &+ 0xD1B5_4A32_D192_ED03) | 1 }
        let offsets = (0..<width).map { Self.mix(UInt64($0) &* 0x9E37_79B9_7F4A_7C15) }
        let shingleSize = shingleSize, minimumWords = minimumWords
        let pieces = Parallel.chunks(count, piecesPerCore: 32)
        signatures.withUnsafeMutableBufferPointer { buffer in
            nonisolated(unsafe) let output = buffer
            _ = Parallel.map(pieces.count) { piece in
                for index in pieces[piece] {
                    let shingles = Self.shingles(texts[index], size: shingleSize, minimumWords: minimumWords)
                    if shingles.isEmpty {
                        // No signature: a unique marker so it never collides.
                        for slot in 0..<width { output[index * width + slot] = Self.mix(UInt64(index) &+ UInt64(slot) << 40) }
                    }
                    for shingle in shingles {
                        for slot in 0..<width {
                            let value = multipliers[slot] &* shingle &+ offsets[slot]
                            if value < output[index * width + slot] { output[index * width + slot] = value }
                        }
                    }
                }
            }
        }
        var parent = Array(0..<count)
        func root(_ node: Int) -> Int {
            var node = node
            while parent[node] != node {
                parent[node] = parent[parent[node]]
                node = parent[node]
            }
            return node
        }
        var shingleCache: [Int: [UInt64]] = [:]
        func shingles(_ index: Int) -> [UInt64] {
            if let cached = shingleCache[index] { return cached }
            let value = Self.shingles(texts[index], size: shingleSize, minimumWords: minimumWords)
            shingleCache[index] = value
            return value
        }
        var checked = Set<Int64>()
        for band in 0..<bands {
            var buckets: [UInt64: [Int]] = [:]
            for index in 0..<count {
                var key: UInt64 = UInt64(band) &* 0x100_0000_01B3
                for row in 0..<rows { key = Self.mix(key ^ signatures[index * width + band * rows + row]) }
                buckets[key, default: []].append(index)
            }
            for members in buckets.values where members.count > 1 {
                for (position, first) in members.enumerated() {
                    for second in members[(position + 1)...] {
                        let pair = Int64(first) << 32 | Int64(second)
                        guard root(first) != root(second), checked.insert(pair).inserted else { continue }
                        if Self.jaccard(shingles(first), shingles(second)) >= threshold {
                            let (a, b) = (root(first), root(second))
                            parent[max(a, b)] = min(a, b)
                        }
                    }
                }
            }
        }
        var first = [Int](repeating: -1, count: count)
        return (0..<count).map { index in
            let group = root(index)
            if first[group] < 0 { first[group] = index }
            return first[group]
        }
    }

    /// The sorted, distinct hashes of `text`'s word shingles (empty when it has fewer than `minimumWords` words).
    public static func shingles(_ text: String, size: Int, minimumWords: Int = 0) -> [UInt64] {
        var words: [UInt64] = []
        var current: UInt64 = 0xCBF2_9CE4_8422_2325
        var inWord = false
        for scalar in text.lowercased().unicodeScalars {
            let value = scalar.value
            let isWordScalar = value < 0x80
                ? (0x61...0x7A).contains(value) || (0x30...0x39).contains(value) || (0x41...0x5A).contains(value)
                : scalar.properties.isAlphabetic || scalar.properties.numericType != nil
            if isWordScalar {
                current = (current ^ UInt64(value)) &* 0x100_0000_01B3
                inWord = true
            } else if inWord {
                words.append(current)
                current = 0xCBF2_9CE4_8422_2325
                inWord = false
            }
        }
        if inWord { words.append(current) }
        guard words.count >= max(1, minimumWords) else { return [] }
        let width = min(size, words.count)
        var result: [UInt64] = []
        result.reserveCapacity(words.count)
        for start in 0...(words.count - width) {
            var hash: UInt64 = 0
            for word in words[start..<(start + width)] { hash = mix(hash ^ word) }
            result.append(hash)
        }
        return Array(Set(result)).sorted()
    }

    /// |a ∩ b| / |a ∪ b| of two sorted, distinct hash lists.
    public static func jaccard(_ a: [UInt64], _ b: [UInt64]) -> Double {
        guard !a.isEmpty || !b.isEmpty else { return 0 }
        var i = 0, j = 0, common = 0
        while i < a.count, j < b.count {
            if a[i] == b[j] { common += 1; i += 1; j += 1 } else if a[i] < b[j] { i += 1 } else { j += 1 }
        }
        return Double(common) / Double(a.count + b.count - common)
    }

    /// SplitMix64's finaliser.
    static func mix(_ value: UInt64) -> UInt64 {
        var z = value &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
