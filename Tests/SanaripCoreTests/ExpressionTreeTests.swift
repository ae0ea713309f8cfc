import SanaripCore
import Testing

@Suite struct ExpressionTreeTests {
    let resolver: (String, Bool) -> String = { name, inPredicate in
        inPredicate ? "current()/../\(name)" : "/data/\(name)"
    }

    @Test func rendersWithResolvedReferences() {
        let tree = Expression.binary(
            .and,
            .binary(.greaterOrEqual, .reference("age"), .number(15)),
            .binary(.lessOrEqual, .reference("age"), .number(100)))
        #expect(tree.xpath(resolving: resolver) == "/data/age >= 15 and /data/age <= 100")
        #expect(tree.xlsformText == "${age} >= 15 and ${age} <= 100")
    }

    @Test func parenthesesFollowPrecedenceAndAssociativity() {
        let a = Expression.reference("a")
        let b = Expression.reference("b")
        let c = Expression.reference("c")
        #expect(Expression.binary(.multiply, .binary(.add, a, b), c).xlsformText == "(${a} + ${b}) * ${c}")
        #expect(Expression.binary(.add, a, .binary(.multiply, b, c)).xlsformText == "${a} + ${b} * ${c}")
        #expect(Expression.binary(.subtract, a, .binary(.subtract, b, c)).xlsformText == "${a} - (${b} - ${c})")
        #expect(Expression.binary(.subtract, .binary(.subtract, a, b), c).xlsformText == "${a} - ${b} - ${c}")
        #expect(Expression.binary(.and, .binary(.or, a, b), c).xlsformText == "(${a} or ${b}) and ${c}")
        #expect(Expression.negate(.binary(.add, a, b)).xlsformText == "-(${a} + ${b})")
        #expect(Expression.negate(.binary(.union, a, b)).xlsformText == "-${a} | ${b}")
        #expect(Expression.binary(.subtract, a, .negate(b)).xlsformText == "${a} - -${b}")
        #expect(Expression.filter(.binary(.union, a, b), predicates: [.number(1)]).xlsformText == "(${a} | ${b})[1]")
    }

    @Test func numbersPrintPlainly() {
        #expect(Expression.number(1).xlsformText == "1")
        #expect(Expression.number(2.5).xlsformText == "2.5")
        #expect(Expression.number(-0.0).xlsformText == "0")
        #expect(Expression.number(1e21).xlsformText == "1000000000000000000000")
        #expect(Expression.number(1.5e-7).xlsformText == "0.00000015")
        #expect(Expression.number(-3).xlsformText == "-3")
        #expect(Expression.binary(.subtract, .number(1), .number(-3)).xlsformText == "1 - -3")
        #expect(Expression.number(.nan).xlsformText == "(0 div 0)")
        #expect(Expression.number(.infinity).xlsformText == "(1 div 0)")
        #expect(Expression.number(-.infinity).xlsformText == "(-1 div 0)")
    }

    @Test func referencesInsideStringsAreResolvedLikePyxform() {
        let choiceName = Expression.function("jr:choice-name", [.reference("district"), .string("${district}")])
        #expect(choiceName.xpath(resolving: resolver) == "jr:choice-name(/data/district, '/data/district')")
        #expect(choiceName.xlsformText == "jr:choice-name(${district}, '${district}')")
        #expect(Expression.string("${ x }").xlsformText == "'${ x }'")
        #expect(Expression.string("a ${x} b ${y}").xpath(resolving: resolver) == "'a /data/x b /data/y'")
        #expect(Expression.string("${not valid}").xpath(resolving: resolver) == "'${not valid}'")
    }

    @Test func stringsAreQuotedSafely() {
        #expect(Expression.string("yes").xlsformText == "'yes'")
        #expect(Expression.string("it's").xlsformText == "\"it's\"")
        #expect(Expression.string("'a' \"b\"").xlsformText == "concat(\"'\", 'a', \"'\", ' \"b\"')")
    }

    @Test func pathsRenderAbbreviated() {
        let instance = Expression.path(
            Expression.LocationPath(
                start: .expression(.function("instance", [.string("villages")])),
                steps: [
                    .child("root"),
                    .child("item", predicates: [.binary(.equal, .path(.init(start: .relative, steps: [.child("oblast")])), .reference("oblast"))]),
                    .child("label"),
                ]))
        #expect(instance.xpath(resolving: resolver) == "instance('villages')/root/item[oblast = current()/../oblast]/label")
        #expect(Expression.path(.init(start: .relative, steps: [.parent, .child("x")])).xlsformText == "../x")
        #expect(Expression.path(.init(start: .relative, steps: [.current])).xlsformText == ".")
        #expect(Expression.path(.init(start: .root, steps: [])).xlsformText == "/")
        #expect(Expression.path(.init(start: .root, steps: [.descendantOrSelf, .child("item")])).xlsformText == "//item")
        #expect(Expression.path(.init(start: .relative, steps: [.init(axis: .attribute, test: .name("id"))])).xlsformText == "@id")
        #expect(Expression.path(.init(start: .relative, steps: [.init(axis: .parent, test: .node, predicates: [.number(1)])])).xlsformText == "parent::node()[1]")
        #expect(Expression.binary(.multiply, .path(.init(start: .root, steps: [])), .number(2)).xlsformText == "(/) * 2")
        #expect(Expression.filter(.path(.init(start: .relative, steps: [.child("a")])), predicates: [.number(2)]).xlsformText == "(a)[2]")
    }

    @Test func namesInSourceOrderOnce() {
        let tree = Expression.function(
            "if",
            [
                .binary(.equal, .reference("b"), .string("x")),
                .function("concat", [.reference("a"), .reference("b")]),
                .function("if", [.reference("c"), .reference("a"), .function("count", [.reference("d")])]),
            ])
        #expect(tree.referencedNames == ["b", "a", "c", "d"])
        #expect(tree.functionNames == ["if", "concat", "count"])
        #expect(Expression.number(1).referencedNames.isEmpty)
        let choiceName = Expression.function("jr:choice-name", [.reference("district"), .string("${district}")])
        #expect(choiceName.referencedNames == ["district"])
        #expect(Expression.string("${a}, ${ b }, ${not valid}, ${").referencedNames == ["a", "b"])
    }
}
