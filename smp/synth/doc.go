// Package synth generates the synthetic Spatial Memory Pipeline world: data
// in exactly the schema of DeepMind's four data files (trajectories,
// parameters, visual inputs, HD stats), made deterministically from a seed,
// with the ground truth of what every synthetic unit is.
//
// One simulated rat walks in one simulated arena (Arena): a 2.2 m square box
// centred on the origin whose walls carry colours and patterns, two of them
// (north and south) deliberately alike. Along each trajectory (Walk) the
// generator records the head direction, position and per-step angular
// velocity; the wall distances along A allocentric directions
// (WallDistances); a first-person view (Camera.Render) and its embedding
// (Encoder); the head-direction network RNN-1 (HeadingNetwork, normally the
// LSTM of package hdtrain, LoadLSTM) driven by the angular velocity and,
// every few steps, by a visual correction read out of memory when the
// recalled memories agree on the heading (Memory.Code);
// boundary-vector-cell populations RNN-2 (egocentric) and RNN-3
// (allocentric) with a minority of other units (Population); and the
// reactivation log p(slot | view) of two memory maps (Memory). Generate
// assembles a World, World.Write writes it, and ScoreClassification and
// ScorePlaceFields measure the world's criteria against its Truth.
//
// Conventions: angles are radians, 0 = +x, counter-clockwise positive;
// positions are metres; egocentric angles are relative to the head direction
// (0 = straight ahead, positive = to the left). Figure 2's analyses report
// directions with swapped atan2 arguments, i.e. as pi/2 - theta; the ground
// truth stores both (see Truth).
//
// Randomness comes from independent, seeded streams, one per piece and per
// trajectory (see stream), so results do not depend on how the work is
// spread over goroutines: the same Config gives byte-identical files.
package synth
