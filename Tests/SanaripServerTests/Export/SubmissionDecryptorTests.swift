import Crypto
import CryptoExtras
import Foundation
import Testing

@testable import SanaripServer

/// ``SubmissionDecryptor`` against data ODK Collect v1.22.4 encrypted, with the key pair and figures of ODK
/// Central's own tests (getodk/central-backend `test/unit/util/crypto.js`, `test/data/priv.pem`).
@Suite("encrypted submissions: decrypted as ODK Central decrypts Collect's")
struct SubmissionDecryptorTests {
    /// Central's test key pair (`test/data/priv.pem`).
    static let centralPrivateKey = """
        -----BEGIN RSA PRIVATE KEY-----
        MIIEpAIBAAKCAQEAyYh7bSui/0xppQ+J3i5xghfao+559Rqg9X0xNbdMEsW35CzY
        UfmC8sOzeeUiE4pG7HIEUmiJal+mo70UMDUlywXj9z053n0g6MmtLlUyBw0ZGhEZ
        WHsfBxPQixdzY/c5i7sh0dFzWVBZ7UrqBc2qjRFUYxeXqHsAxSPClTH1nW47Mr2h
        4juBLC7tBNZA3biZA/XTPt//hAuzv1d6MGiF3vQJXvFTNdfsh6Ckq4KXUsAv+07c
        LtON4KjrKhqsVNNGbFssTUHVL4A9N3gsuRGt329LHOKBxQUGEnhMM2MEtvk4kaVQ
        rgCqpk1pMU/4HlFtRjOoKdAIuzzxIl56gNdRUQIDAQABAoIBAAh4BcfGp6jWyzG2
        f3KovPhcjEGLSfC018K5KhI5y6aWTG34PHblZ01QUAB1UoNDsktJV0knP28K6fPD
        hE+qTBZF/xhqqD3jQDjIEND7n4iQUle4FDqVoe4oNQFDUQQIZZCronYwuQotyDmi
        hkcMJ3iaG9O2MBdSY+vk3s5qNQoSfqhGwBR64ds5ndORwNCrp55pdM2ZodKpSrJI
        dJ/RvWTo/z5Oo9f8VFFWB7SzqL/BYAzFojKiaCbn0i22DgOGds3gWPJUzlSkHevo
        NaQClrW5ZoI0gK7qjgO5pj8vj5dx7O1EQzB/H+CmFy7vazZVuEG7ZMUVclPa+FfF
        H2kt78kCgYEA76SP+e/r028Maxmf+Hsc8xjYLv/1/vEZni6mcF4c3AimwVm2oRRg
        PFfKSWY9YjGL4UvnLVclLs3ALM1Q/8Ppv8dOGe6mNOsvn3E77R5Ljp0frCYDeggB
        6qZFlvQbgq5wSMdarnnRaZCLklcHVpTj2ieoVOjkne1i886VP1x3kdcCgYEA10oB
        ARHTpP2x7vBFTkuC5R9ByAdJPhVaEYPBr6D+xOt1nB33YcJDym51ByuscH1noxNE
        09Bf1/rt2S1b03XpH55AToqxIVc8fE7eOCXQd1oY8Pzpi2ro/jVirP1MdI3g1pTT
        DNiv3sJJMsiQ79QT6Q+0LddNQuXmPcUOR8GHoRcCgYEA3XGj2cHqmaa0QwOa33Jk
        ff8nRccg+kSw94sEIjHVWT5lWaYdLRw3EYvOUaU4c9R0/eu15B/zLBzUyJGxl6bi
        CWWStkPhMmVhzGRGjAbCqzZmXh2CePGNU9fx1lwcT9YBzD7rfO70pCf90Wy6Szeq
        lZyv4EaVe5oxJjpvj+1SUGECgYAOy681+5uoAydvXGPm9ZmRVYyXyqhl8+G0wnFV
        OKNJtUTn7cdKmKdACkdQrtezA2tT8ccRJ4jutvgRrORarAfRfHa+7xktSWmGwYTU
        JwUkrrR4G2mRg09v6QtXCDFw8S86kA/RGjM8A+4z50TOtqyHn+SqIdnVdydTp29L
        zykbEQKBgQC1FcRKIRkn6IEAHaI0QQl793vxgo/g3oJoRXLptNy63eBygd0x+qY3
        TD8cBMLaJs5DMC5zNGW8YQXtaADMbp0jV6aD/7Qer/SaXk187bGhF5KfSCqjj1yx
        uR0+sgNnVaENMkxsyrVlUXuMivNdPAob6dtspaiEGyseFa/N8RinIg==
        -----END RSA PRIVATE KEY-----
        """

    @Test("the AES key Collect wrapped with RSA-OAEP comes out as Central's test says")
    func keyEncryptedByCollect() throws {
        let decryptor = try SubmissionDecryptor(privateKeyPEM: Self.centralPrivateKey)
        let key = try decryptor.symmetricKey(
            "heF9tzGvB1jjjBM5AAADnTgrFwmtyjESyCNk86oiX/r+WCohyEX3f4jOswK4/IBLx9VNW4k1wbo0t9PMp4Ie/PAucyBwyqKpx6coGkk8nCeznzisLe07fr9a6MEFOuBqKWun28M/cDUasoyg8//ytMVatSMGjv+Nkj8L7QtlMH6iDJoWZQfwvxgDeCrBn2+jr+qwdlQzxwyi5taV+zB9s+FDgJ14n8AyY3t4x0n+qkOqEvMVKIFc4ofRXBaG5N/21Uy+qA91Ap26sVDo7g1vmG+gND/f+Mx1gBQcmM0EKHowUT5cIdrG6N/XTHVpCWkH6qxjhuWyayCGBT+Frxf+Sg==",
            instanceID: "test"
        )
        #expect(key.base64EncodedString() == "3TJoHf74zHbDwG3Ta+bcvfUr50C6yF/astfu+CdSnQU=")
    }

    @Test("IVs: MD5(instanceID ‖ key), one byte incremented per file, as Central's test lists them")
    func ivs() throws {
        let key = try #require(Data(base64Encoded: "3TJoHf74zHbDwG3Ta+bcvfUr50C6yF/astfu+CdSnQU="))
        let ivs = SubmissionDecryptor.ivs(instanceID: "uuid:22525f8e-4f2d-41ed-94da-4c46a2478448", key: key, count: 32)
        let hex = ivs.map { $0.map { String(format: "%02x", $0) }.joined() }
        let expected = [
            0: "39bbb0890f3222269da68b172146477a", 1: "39bcb0890f3222269da68b172146477a", 8: "39bcb18a103323279ea68b172146477a",
            15: "39bcb18a103323279ea78c182247487b", 23: "3abdb28b113424289ea78c182247487b", 31: "3abdb28b113424289fa88d192348497c",
        ]
        for (index, iv) in expected { #expect(hex[index] == iv, "IV \(index)") }
    }

    @Test("a submission.xml.enc made by Collect v1.22.4 decrypts to its XML; a cut one is refused")
    func xmlEncryptedByCollect() throws {
        let decryptor = try SubmissionDecryptor(privateKeyPEM: Self.centralPrivateKey)
        let instanceID = "uuid:99b303d9-6494-477b-a30d-d8aae8867335"
        let key = try decryptor.symmetricKey(
            "iyEB1LAlvVE8uaW0HuhLhzwcLceIukqfgusDNdDEE2FFxVtUtSI3FiOuNxhgI/Zbgnaabh/vqeZ3yLXwv0f66pAbN0n8kM9f84VJR18fdUp6doOz7o8IQD7gc3ZfbRXweab/NxnahfYa9ij0Kax1LTKS05Oodk2MewkzwfBhdbf/CfiBP1HSskDio40jdW5f04GkqZsFCPUluF2DfMnwYCo0wdwf2m8o+lSNR+vrFeEYG7LtGE4X90pVrQnJHwFWHGjSwJpg/USn5skBioDKUCv/Dva9xJ+JXUz+QSg6LOuP+SDxsrmf36WKrnE8kWfN4oaBdmIwFSStkLH9foNXUw==",
            instanceID: instanceID
        )
        let ciphertext = try #require(Data(base64Encoded: "kMhJdk0mZOqvlxndUO3v4+UPvfYoc+bbkPmF3QmhoP7lP/QjHbzqw/IfZxQ54D328eCc4V6jtbrjeAXV+m1cWsCGGLW5KwTAxBjPBXzsZrUeY0RISVJ1g9BJoXfSRAjYMrFYOM907BFUIYYxMqpVWGy1lo8ljqY+Sgq1VphkQk/TQGgOVYFALHDLOYnLKuLHvwBLQQwK3lje8CwNlf/b2rY9qfGC4P1emoiP+YzkLp8eH6x/HfMvRIFoZEaom1i5s3SU4WVwe2Tno4jKD69ojMlQN6VKB7DK4xaRSs2C7zfDm63n1WCyyOAj8mASIFhb3sc3hD56HTJFUV/TH3UVlzP7oPm/Mm7nEcU3+HdSSwm3I1qFYhsXfVRym41IlbC4Twf660/kUZrugA7Zqd5K9Un3lOVTzYowaF+m5OIOO56wff3zPBxeOVjANDKR7V6/"))
        // One media file came first, so the XML is the second file: IV 1.
        let ivs = SubmissionDecryptor.ivs(instanceID: instanceID, key: key, count: 2)
        let iv = try #require(ivs.last)
        let clear = try #require(try SubmissionDecryptor.cleartext(ciphertext, key: key, iv: iv))
        #expect(String(decoding: clear, as: UTF8.self) == """
            <?xml version='1.0' ?><data id="encrypted" version="working3" xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:h="http://www.w3.org/1999/xhtml" xmlns:jr="http://openrosa.org/javarosa"><meta><instanceID>uuid:99b303d9-6494-477b-a30d-d8aae8867335</instanceID></meta><name>bob</name><age>30</age><file>1561432532482.jpg</file></data>
            """)
        #expect(try SubmissionDecryptor.cleartext(ciphertext.prefix(320), key: key, iv: iv) == nil, "bad padding")
    }

    @Test("a key that is not PEM, and another key pair, are refused with what to do")
    func wrongKeys() throws {
        #expect(throws: SubmissionDecryptionError.unreadableKey) { try SubmissionDecryptor(privateKeyPEM: "not a key") }
        let other = try SubmissionDecryptor(privateKeyPEM: try _RSA.Encryption.PrivateKey(keySize: .bits2048).pemRepresentation)
        #expect(throws: SubmissionDecryptionError.wrongKey(instanceID: "uuid:x")) {
            try other.symmetricKey("heF9tzGvB1jjjBM5AAADnTgrFwmtyjESyCNk86oiX/r+WCohyEX3f4jOswK4/IBLx9VNW4k1wbo0t9PMp4Ie/PAucyBwyqKpx6coGkk8nCeznzisLe07fr9a6MEFOuBqKWun28M/cDUasoyg8//ytMVatSMGjv+Nkj8L7QtlMH6iDJoWZQfwvxgDeCrBn2+jr+qwdlQzxwyi5taV+zB9s+FDgJ14n8AyY3t4x0n+qkOqEvMVKIFc4ofRXBaG5N/21Uy+qA91Ap26sVDo7g1vmG+gND/f+Mx1gBQcmM0EKHowUT5cIdrG6N/XTHVpCWkH6qxjhuWyayCGBT+Frxf+Sg==", instanceID: "uuid:x")
        }
        #expect(SubmissionDecryptionError.unreadableKey.description.contains("public_key"))
    }
}
