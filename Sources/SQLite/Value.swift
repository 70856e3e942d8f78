/// A value SQLite stores: one of its five storage classes.
public enum Value: Equatable, Sendable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
    case blob([UInt8])
}

extension Value {
    /// The value as an integer: reals are truncated, everything else is 0.
    public var integer: Int64 {
        switch self {
        case .integer(let value): value
        case .real(let value): Int64(value)
        default: 0
        }
    }
}

/// A Swift type that binds to a statement parameter.
public protocol Bindable: Sendable {
    /// The value to bind.
    var sqliteValue: Value { get }
}

extension Int: Bindable {
    public var sqliteValue: Value { .integer(Int64(self)) }
}

extension Int64: Bindable {
    public var sqliteValue: Value { .integer(self) }
}

extension Double: Bindable {
    public var sqliteValue: Value { .real(self) }
}

extension String: Bindable {
    public var sqliteValue: Value { .text(self) }
}

extension Array: Bindable where Element == UInt8 {
    public var sqliteValue: Value { .blob(self) }
}

extension Optional: Bindable where Wrapped: Bindable {
    public var sqliteValue: Value { self?.sqliteValue ?? .null }
}

extension Value: Bindable {
    public var sqliteValue: Value { self }
}
