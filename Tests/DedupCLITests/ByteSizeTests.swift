import Testing

@testable import DedupCommandLine

@Suite struct ByteSizeTests {
    @Test func sizesTakeBinarySuffixes() {
        #expect(ByteSize(argument: "4k")?.bytes == 4096)
        #expect(ByteSize(argument: "512M")?.bytes == 512 << 20)
        #expect(ByteSize(argument: "12")?.bytes == 12)
        #expect(ByteSize(argument: "-1") == nil)
        #expect(ByteSize(argument: "99999999999G") == nil)
    }
}
