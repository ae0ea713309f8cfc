import SanaripCore

/// Foundation declares an `Expression` too; inside this module the name means ours. Other modules
/// that import Foundation can declare the same internal alias or write `SanaripCore.Expression`.
typealias Expression = SanaripCore.Expression
