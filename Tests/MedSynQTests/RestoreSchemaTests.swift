import Foundation
@testable import MedSynQ
import SQLite
import Testing

/// A restore accepts only MedSynQ's own schema and names a person could type.
@Suite struct RestoreSchemaTests {
    @Test func theSchemaOfEachVersionIsWhatMigrationMakes() throws {
        let folder = try TestFolder()
        let id = TenantID.random()
        let shard = try Shard.create(id, at: folder.data.shardPath(for: id))
        defer { try? shard.close() }
        let made = try ShardSchema.objects(in: shard.connection)
        #expect(made == (try ShardSchema.objects(atVersion: ShardSchema.currentVersion)))
        #expect(made.contains { $0.name == "patients" && $0.type == "table" })
    }

    @Test func anExtraTriggerMakesTheSchemaDifferent() throws {
        let memory = try Connection(path: ":memory:")
        defer { try? memory.close() }
        try ShardSchema.migrate(memory)
        try memory.execute(
            "CREATE TRIGGER wipe AFTER INSERT ON patients BEGIN DELETE FROM users; END")
        #expect(try ShardSchema.objects(in: memory)
            != (try ShardSchema.objects(atVersion: ShardSchema.currentVersion)))
    }
}
