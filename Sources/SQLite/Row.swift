/// One result row, copied out of the statement so it outlives the next step.
public struct Row: Sendable {
    /// The column values, in the order of the SELECT.
    public let values: [Value]

    /// A row of `values`.
    public init(values: [Value]) {
        self.values = values
    }

    /// The value of column `index` as an integer; 0 for NULL or other classes.
    public func int(_ index: Int) -> Int64 {
        values[index].integer
    }

    /// The value of column `index` as an optional integer; nil for NULL.
    public func optionalInt(_ index: Int) -> Int64? {
        if case .null = values[index] { return nil }
        return int(index)
    }

    /// The value of column `index` as a floating-point number; 0 for NULL.
    public func real(_ index: Int) -> Double {
        switch values[index] {
        case .real(let value): value
        case .integer(let value): Double(value)
        default: 0
        }
    }

    /// The value of column `index` as an optional floating-point number; nil for NULL.
    public func optionalReal(_ index: Int) -> Double? {
        if case .null = values[index] { return nil }
        return real(index)
    }

    /// The value of column `index` as text; empty for NULL.
    public func text(_ index: Int) -> String {
        switch values[index] {
        case .text(let value): value
        case .integer(let value): String(value)
        case .real(let value): String(value)
        case .blob(let bytes): String(decoding: bytes, as: UTF8.self)
        case .null: ""
        }
    }

    /// The value of column `index` as bytes; empty for NULL.
    public func blob(_ index: Int) -> [UInt8] {
        switch values[index] {
        case .blob(let bytes): bytes
        case .text(let value): Array(value.utf8)
        default: []
        }
    }
}
