package io.mutt.cli;

public class MuttCli {
  public static void main(String[] args) {
    System.out.println("mutt");
  }
}
