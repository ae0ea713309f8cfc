// Statistics: sampling, weighting, design-based estimation. Pure Swift, no frameworks.
