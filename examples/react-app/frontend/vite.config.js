// Create React App's conventions on Vite: variables named REACT_APP_* reach the code, and the
// build goes to build/, which is what ReactStaticSite expects.
export default {
  envPrefix: "REACT_APP_",
  build: { outDir: "build" },
}
