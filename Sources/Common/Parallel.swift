import Dispatch
import Foundation
import Synchronization

/// The one way Pathways spreads work over cores: an index space handed to a fixed number of workers, each
/// index to exactly one worker, results in index order. Results never depend on the number of threads.
///
/// The closures are `@Sendable`, so the race checker sees what they capture; the only unchecked code is
/// here and in ``DisjointWrites``, and is tested once (`ParallelTests`, also under ThreadSanitizer).
package enum Parallel {
    /// The cores of this machine: the default number of workers.
    package static var processorCount: Int { ProcessInfo.processInfo.activeProcessorCount }

    /// Runs `body(i)` for every `i` in `0..<count` on up to `threads` workers and returns when all are done.
    /// Each worker takes the next index no worker has taken yet, so a worker slowed down (by another process
    /// on its core, a page fault, a longer item) takes fewer indices instead of holding up the others with a
    /// fixed share; which worker runs an index never matters to the result. With one worker (or one index)
    /// the loop runs on the calling thread, in order.
    package static func forEach(_ count: Int, threads: Int = processorCount, _ body: @Sendable (Int) -> Void) {
        guard count > 0 else { return }
        let workers = max(1, min(threads, count))
        if workers == 1 {
            for i in 0..<count { body(i) }
            return
        }
        let next = Atomic<Int>(0)
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            while true {
                let i = next.wrappingAdd(1, ordering: .relaxed).oldValue
                guard i < count else { return }
                body(i)
            }
        }
    }

    /// `[body(0), body(1), …, body(count − 1)]`, computed on up to `threads` workers.
    package static func map<T: Sendable>(_ count: Int, threads: Int = processorCount, _ body: @Sendable (Int) -> T) -> [T] {
        guard count > 0 else { return [] }
        return [T](unsafeUninitializedCapacity: count) { buffer, initialized in
            let out = DisjointWrites(buffer)
            forEach(count, threads: threads) { i in out.initialize(i, to: body(i)) }
            initialized = count
        }
    }
}

/// Memory that parallel workers write at disjoint indices (each index by one worker at most, nothing read
/// until every worker is done): the contract that makes sharing it safe, which the type system cannot check.
/// Only ``Parallel`` and loops that fill one preallocated buffer from many workers use it.
package struct DisjointWrites<Element>: @unchecked Sendable {
    // Inlinable, so that each module's loops use it specialized for their element type instead of calling a
    // generic function per element.
    @usableFromInline let buffer: UnsafeMutableBufferPointer<Element>
    @inlinable package var count: Int { buffer.count }

    @inlinable package init(_ buffer: UnsafeMutableBufferPointer<Element>) { self.buffer = buffer }

    /// Initializes the uninitialized element `i`.
    @inlinable package func initialize(_ i: Int, to value: Element) {
        precondition(i >= 0 && i < buffer.count, "index \(i) outside 0..<\(buffer.count)")
        (buffer.baseAddress! + i).initialize(to: value)
    }

    /// Element `i`, which must be initialized (or of a trivial type).
    @inlinable package subscript(i: Int) -> Element {
        get { buffer[i] }
        nonmutating set { buffer[i] = newValue }
    }

    /// Changes the initialized element `i` in place (an array element keeps its storage: no copy on write).
    @inlinable package func modify<R>(_ i: Int, _ body: (inout Element) -> R) -> R {
        precondition(i >= 0 && i < buffer.count, "index \(i) outside 0..<\(buffer.count)")
        return body(&buffer[i])
    }

    /// The first element's address, for C code that writes its own disjoint part.
    @inlinable package var baseAddress: UnsafeMutablePointer<Element>? { buffer.baseAddress }
}

/// Memory that parallel workers only read while they run (a caller's buffer, valid for the call): the other
/// contract ``Parallel`` loops rely on. Holding an unsafe buffer pointer, it cannot be checked for races;
/// keeping the two contracts in two small types keeps every such use greppable.
package struct ReadOnlyShare<Element>: @unchecked Sendable {
    package let buffer: UnsafeBufferPointer<Element>

    @inlinable package init(_ buffer: UnsafeBufferPointer<Element>) { self.buffer = buffer }

    /// Element `i`, read in place: a field of it (an array inside a struct) is reached without copying the
    /// whole element and retaining everything it holds.
    @inlinable package subscript(i: Int) -> Element {
        unsafeAddress {
            precondition(i >= 0 && i < buffer.count, "index \(i) outside 0..<\(buffer.count)")
            return buffer.baseAddress! + i
        }
    }

    /// The address of element `i` (the caller keeps within the buffer).
    @inlinable package func address(_ i: Int) -> UnsafePointer<Element> { buffer.baseAddress! + i }
}

extension ReadOnlyShare {
    /// Calls `body` with a read-only share of each of `arrays`, valid during the call: the arrays' own storage, for
    /// parallel workers that read many arrays (a share is a plain value, which no worker retains).
    package static func withAll<R, E: Error>(_ arrays: [[Element]], _ body: ([ReadOnlyShare<Element>]) throws(E) -> R) throws(E) -> R {
        func nest(_ k: Int, _ shares: [ReadOnlyShare<Element>]) throws(E) -> R {
            guard k < arrays.count else { return try body(shares) }
            return try arrays[k].withUnsafeBufferPointer { (buffer) throws(E) -> R in try nest(k + 1, shares + [ReadOnlyShare(buffer)]) }
        }
        return try nest(0, [])
    }
}
