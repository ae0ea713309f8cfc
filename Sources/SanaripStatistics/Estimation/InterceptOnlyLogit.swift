import Foundation

/// R's `glm.fit` for a logistic model with only an intercept and its default `glm.control`, as `svyglm` fits it
/// inside `svyciprop(method="logit")` on a replicate design: IRLS that stops when |dev − dev_old|/(|dev| + 0.1)
/// < 1e-8 or after 25 iterations, with R's C link functions (η beyond ±30 bounded by machine epsilon). So a replicate
/// without a single one (or zero) in a domain gets the large finite intercept R gets, not ±∞.
///
/// Past the first iteration every row has the same fitted value, so the fit needs only the weighted counts of ones
/// and zeros; the first iteration starts from glm's per-row mustart = (w·y + 0.5)/(w + 1), added row by row.
struct InterceptOnlyLogit {
    private var ones = 0.0
    private var zeros = 0.0
    private var weightedResponse = 0.0
    private var workingWeight = 0.0
    private var deviance = 0.0

    /// Adds a row with response `y` (0 or 1) and prior weight `w` to the full-sample fit.
    mutating func add(y: Double, weight w: Double) {
        let start = (w * y + 0.5) / (w + 1)
        let eta = log(start / (1 - start))
        let mu = Self.mean(eta)
        deviance += Self.deviance(y: y, mu: mu, weight: w)
        guard w > 0 else { return }
        let derivative = Self.derivative(eta)
        let iterationWeight = w * derivative * derivative / (mu * (1 - mu))
        weightedResponse += iterationWeight * (eta + (y - mu) / derivative)
        workingWeight += iterationWeight
        ones += w * y
        zeros += w * (1 - y)
    }

    /// The fitted intercept of the rows added.
    var intercept: Double {
        Self.iterate(eta: weightedResponse / workingWeight, previousDeviance: deviance, ones: ones, zeros: zeros, from: 1)
    }

    /// The intercept refitted from `start` with weights summing to one and a weighted share `p` of ones, as
    /// `svyglm` refits every replicate.
    static func refit(share p: Double, start: Double) -> Double {
        let mu = mean(start)
        let deviance = deviance(y: 1, mu: mu, weight: p) + deviance(y: 0, mu: mu, weight: 1 - p)
        return iterate(eta: start, previousDeviance: deviance, ones: p, zeros: 1 - p, from: 0)
    }

    /// IRLS steps η ← η + (p − μ)/μ′(η) after `done` iterations.
    private static func iterate(eta start: Double, previousDeviance: Double, ones: Double, zeros: Double, from done: Int) -> Double {
        var eta = start, previous = previousDeviance
        let share = ones / (ones + zeros)
        if done > 0, converged(eta: eta, previous: &previous, ones: ones, zeros: zeros) { return eta }
        for _ in done..<25 {
            eta += (share - mean(eta)) / derivative(eta)
            if converged(eta: eta, previous: &previous, ones: ones, zeros: zeros) { break }
        }
        return eta
    }

    /// glm's convergence test on the deviance at `eta`, updating the previous deviance.
    private static func converged(eta: Double, previous: inout Double, ones: Double, zeros: Double) -> Bool {
        let mu = mean(eta)
        let current = deviance(y: 1, mu: mu, weight: ones) + deviance(y: 0, mu: mu, weight: zeros)
        defer { previous = current }
        return abs(current - previous) / (abs(current) + 0.1) < 1e-8
    }

    /// R's `logit_linkinv`.
    private static func mean(_ eta: Double) -> Double {
        let odds = eta < -30 ? Double.ulpOfOne : (eta > 30 ? 1 / Double.ulpOfOne : exp(eta))
        return odds / (1 + odds)
    }

    /// R's `logit_mu_eta`.
    private static func derivative(_ eta: Double) -> Double {
        let denominator = 1 + exp(eta)
        return eta > 30 || eta < -30 ? Double.ulpOfOne : exp(eta) / (denominator * denominator)
    }

    /// R's `binomial_dev_resids` for y of 0 or 1.
    private static func deviance(y: Double, mu: Double, weight: Double) -> Double {
        weight == 0 ? 0 : -2 * weight * log(y == 1 ? mu : 1 - mu)
    }
}
