import Foundation

/// Moments written as UTC date and time to the second, for log lines and file
/// names, digit by digit: Foundation's format styles cost more than the rest of
/// a request's log line.
enum UTCTime {
    /// `date` as "2026-12-03T17:28:25Z", or with other separators between the
    /// parts of the date and of the time ("20261203T172825Z" with none).
    static func text(
        _ date: Date, dateSeparator: String = "-", timeSeparator: String = ":"
    ) -> String {
        var seconds = time_t(date.timeIntervalSince1970.rounded(.down))
        var utc = tm()
        // It fails only for a year that `tm` cannot hold: every digit is 0 then.
        let isKnown = gmtime_r(&seconds, &utc) != nil
        let fields: [(value: Int32, digits: Int, then: String)] = [
            (utc.tm_year + 1900, 4, dateSeparator), (utc.tm_mon + 1, 2, dateSeparator),
            (utc.tm_mday, 2, "T"), (utc.tm_hour, 2, timeSeparator), (utc.tm_min, 2, timeSeparator),
            (utc.tm_sec, 2, "Z"),
        ]
        var bytes: [UInt8] = []
        bytes.reserveCapacity(20)
        for field in fields {
            let value = isKnown ? field.value : 0
            var divisor: Int32 = field.digits == 4 ? 1000 : 10
            while divisor > 0 {
                bytes.append(UInt8(ascii: "0") + UInt8(value / divisor % 10))
                divisor /= 10
            }
            bytes.append(contentsOf: field.then.utf8)
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
