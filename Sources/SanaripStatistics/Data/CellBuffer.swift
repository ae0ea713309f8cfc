/// The cells of one column as a source is read: in an array of its own that grows, or written through a pointer into
/// room reserved beforehand — a part of a parallel read writes its rows straight into the table's final arrays, so
/// that nothing is copied when the parts are joined.
///
/// `@unchecked Sendable`: the room is written only by the part that holds this buffer, and read after it is done.
struct CellBuffer<Element>: @unchecked Sendable {
    private var array: [Element] = []
    private let room: UnsafeMutablePointer<Element>?
    private let capacity: Int
    private(set) var count = 0

    /// A buffer of its own, with room for `capacity` cells to start with.
    init(reserving capacity: Int) {
        room = nil
        self.capacity = .max
        array.reserveCapacity(capacity)
    }

    /// A buffer writing into `capacity` cells at `room`.
    init(room: UnsafeMutablePointer<Element>, capacity: Int) {
        self.room = room
        self.capacity = capacity
    }

    @inline(__always)
    mutating func append(_ element: Element) {
        if let room {
            precondition(count < capacity, "more records than line ends counted")
            room[count] = element
        } else {
            array.append(element)
        }
        count += 1
    }

    @inline(__always)
    subscript(index: Int) -> Element {
        get { room.map { $0[index] } ?? array[index] }
        set {
            if let room { room[index] = newValue } else { array[index] = newValue }
        }
    }

    /// Forgets the cells (a column turning from numbers to text), keeping the room.
    mutating func removeAll() {
        array = []
        count = 0
    }

    /// The cells as an array (a copy when they are written into room).
    var elements: [Element] {
        room.map { Array(UnsafeBufferPointer(start: $0, count: count)) } ?? array
    }
}
