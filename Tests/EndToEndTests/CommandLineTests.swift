import Foundation
import Testing
import TestSupport

/// `medsynq` run with wrong input: the documented exit codes and one clear sentence.
@Suite struct CommandLineTests {
    @Test(arguments: [
        [], ["frobnicate"], ["serve", "--port", "70000"], ["serve", "--pool-size", "0"],
        ["serve", "--bogus"], ["serve", "extra-word"], ["serve", "--port"],
    ])
    func wrongUsageExits64WithTheUsage(arguments: [String]) throws {
        let outcome = try Binary.run(arguments)
        #expect(outcome.status == 64)
        #expect(outcome.errors.contains("usage: medsynq"))
        // A known command shows its own usage, not the list of commands.
        let isServe = arguments.first == "serve"
        #expect(outcome.errors.contains("usage: medsynq serve") == isServe)
        #expect(outcome.errors.contains("commands:") == !isServe)
    }

    @Test(arguments: ["70000", "-1", "abc"])
    func aWrongPortInTheEnvironmentIsWrongUsage(port: String) throws {
        let folder = try TemporaryFolder()
        let outcome = try Binary.run(["serve", "--data", folder.path], environment: ["PORT": port])
        #expect(outcome.status == 64)
        #expect(outcome.errors.contains("$PORT must be a whole number"))
    }

    @Test func aMissingDataFolderIsOneSentenceAndExit1() throws {
        let outcome = try Binary.run(["serve", "--data", "/nonexistent/medsynq-data"])
        #expect(outcome.status == 1)
        let sentence = "medsynq: the data folder /nonexistent/medsynq-data does not exist\n"
        #expect(outcome.errors == sentence)
    }

    @Test func aDataFolderThatIsAFileIsNamedAsSuch() throws {
        let folder = try TemporaryFolder()
        let file = folder.path + "/plain-file"
        FileManager.default.createFile(atPath: file, contents: Data())
        let outcome = try Binary.run(["serve", "--data", file])
        #expect(outcome.status == 1)
        #expect(outcome.errors.contains("is a file, not a folder"))
    }

    @Test func aHostThatIsNotAnAddressIsRefused() throws {
        let folder = try TemporaryFolder()
        let outcome = try Binary.run(["serve", "--data", folder.path, "--host", "nowhere"])
        #expect(outcome.status == 1)
        #expect(outcome.errors.contains("is not an IPv4 or IPv6 address"))
    }

    @Test func helpPrintsTheUsageAndSucceeds() throws {
        let outcome = try Binary.run(["serve", "--help"])
        #expect(outcome.status == 0)
        #expect(outcome.output.contains("medsynq serve"))
    }
}

/// Options that lack their value are caught, not taken for something else.
@Suite struct MissingValueTests {
    @Test(arguments: [
        ["serve", "--port="], ["serve", "--port", "--data", "x"], ["serve", "--data"],
    ])
    func anOptionWithoutItsValueIsWrongUsage(arguments: [String]) throws {
        let outcome = try Binary.run(arguments)
        #expect(outcome.status == 64)
        #expect(outcome.errors.contains("needs a value"))
    }
}
